import { mkdirSync } from "node:fs";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestResult, TestResultContainer } from "allure-js-commons";
import { FileSystemWriter } from "allure-js-commons/sdk/reporter";
import AllureVitestReporter, { type AllureVitestReporterConfig } from "allure-vitest/reporter";
import type { RunnerTestFile } from "vitest";
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
  private readonly reported = new Set<string>();

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

  /**
   * A suite file's results are handed to allure-vitest as soon as the file ends, not all at the
   * run's end (allure-vitest's own way): the checks of the next file leave the CLI's thread idle
   * most of the time, so the results are built and written then instead of after the last check,
   * where they held up the end of every run by about 0.1 s.
   */
  onTestModuleEnd(module: TestModule): void {
    // The runner's task, which allure-vitest reads from the module too (not in vitest's types).
    const { task } = module as unknown as { task?: RunnerTestFile };
    if (task === undefined) return;
    this.handleTask(task);
    this.reported.add(module.moduleId);
  }

  /** The results not reported yet (none, unless a file never ended); the run ends once all are on disk. */
  override async onTestRunEnd(tests: ReadonlyArray<TestModule>): Promise<void> {
    super.onTestRunEnd(tests.filter((module) => !this.reported.has(module.moduleId)));
    await this.writer?.flush();
  }
}
