import { mkdirSync } from "node:fs";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestResult, TestResultContainer } from "allure-js-commons";
import { FileSystemWriter } from "allure-js-commons/sdk/reporter";
import AllureVitestReporter, { type AllureVitestReporterConfig } from "allure-vitest/reporter";
import type { TestModule, Vitest } from "vitest/node";

/**
 * allure-js's writer fsyncs every result and attachment file, one after another, when the run
 * ends: a run's ~430 files cost about a second there, more than the checks of a sandbox run.
 * The folder is rewritten by every run (a machine crash mid-write is repaired by running again),
 * so its files are written plainly here, and at once rather than one after another: the writes
 * overlap in libuv's thread pool instead of blocking the process (and the embedded sandbox in it)
 * file by file. `flush` waits for them all. The rare files (environment, categories) keep the
 * parent's way.
 */
export class UnsyncedAllureWriter extends FileSystemWriter {
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly resultsDir: string) {
    super({ resultsDir });
    mkdirSync(resultsDir, { recursive: true });
  }

  override writeResult(result: TestResult): void {
    this.write(`${result.uuid}-result.json`, JSON.stringify(result));
  }

  override writeGroup(result: TestResultContainer): void {
    this.write(`${result.uuid}-container.json`, JSON.stringify(result));
  }

  override writeAttachment(distFileName: string, content: Buffer): void {
    this.write(distFileName, content);
  }

  override writeAttachmentFromPath(distFileName: string, from: string): void {
    this.pending.push(copyFile(from, join(this.resultsDir, distFileName)));
  }

  /** Every file asked for so far is written; rejects with the first write that failed. */
  async flush(): Promise<void> {
    const writes = this.pending.splice(0);
    const failed = (await Promise.allSettled(writes)).find((write) => write.status === "rejected");
    if (failed) throw failed.reason;
  }

  private write(fileName: string, content: string | Buffer): void {
    this.pending.push(writeFile(join(this.resultsDir, fileName), content));
  }
}

/** The runtime allure-vitest keeps (a private field of its reporter, allure-vitest 3.12). */
interface WithRuntime {
  allureReporterRuntime?: { writer?: unknown };
}

/**
 * allure-vitest's reporter with the writer above. allure-vitest has no option for the writer, so
 * it is swapped after start-up; should a later allure-vitest keep its runtime elsewhere, the
 * reporter keeps its own writer (slower, same files).
 */
export class AllureReporter extends AllureVitestReporter {
  private writer: UnsyncedAllureWriter | undefined;

  constructor(private readonly options: AllureVitestReporterConfig & { resultsDir: string }) {
    super(options);
  }

  override onInit(vitest: Vitest): void {
    super.onInit(vitest);
    const runtime = (this as unknown as WithRuntime).allureReporterRuntime;
    if (runtime && "writer" in runtime) {
      this.writer = new UnsyncedAllureWriter(this.options.resultsDir);
      runtime.writer = this.writer;
    }
  }

  /** allure-vitest writes every result here; the run ends only once they are on disk. */
  override async onTestRunEnd(tests: ReadonlyArray<TestModule>): Promise<void> {
    super.onTestRunEnd(tests);
    await this.writer?.flush();
  }
}
