import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestResult, TestResultContainer } from "allure-js-commons";
import { FileSystemWriter } from "allure-js-commons/sdk/reporter";
import AllureVitestReporter, { type AllureVitestReporterConfig } from "allure-vitest/reporter";
import type { Vitest } from "vitest/node";

/**
 * allure-js's writer fsyncs every result and attachment file, one after another, when the run
 * ends: a run's ~430 files cost about a second there, more than the checks of a sandbox run.
 * The folder is rewritten by every run (a machine crash mid-write is repaired by running again),
 * so its files are written plainly here. The rare files (environment, categories) keep the
 * parent's way.
 */
export class UnsyncedAllureWriter extends FileSystemWriter {
  constructor(private readonly resultsDir: string) {
    super({ resultsDir });
    mkdirSync(resultsDir, { recursive: true });
  }

  override writeResult(result: TestResult): void {
    writeFileSync(join(this.resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
  }

  override writeGroup(result: TestResultContainer): void {
    writeFileSync(join(this.resultsDir, `${result.uuid}-container.json`), JSON.stringify(result));
  }

  override writeAttachment(distFileName: string, content: Buffer): void {
    writeFileSync(join(this.resultsDir, distFileName), content);
  }

  override writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, join(this.resultsDir, distFileName));
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
  constructor(private readonly options: AllureVitestReporterConfig & { resultsDir: string }) {
    super(options);
  }

  override onInit(vitest: Vitest): void {
    super.onInit(vitest);
    const runtime = (this as unknown as WithRuntime).allureReporterRuntime;
    if (runtime && "writer" in runtime)
      runtime.writer = new UnsyncedAllureWriter(this.options.resultsDir);
  }
}
