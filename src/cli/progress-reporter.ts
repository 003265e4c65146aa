import type { Reporter, TestCase, TestModule } from "vitest/node";

/**
 * The quiet run's only live output: one progress line, rewritten in place, on a terminal only
 * (a piped or CI log gets nothing until the summary). vitest's own reporter comes back with
 * `--verbose`; failures are listed once, after the run, one line each (run-console.ts).
 */
export class ProgressReporter implements Reporter {
  private total = 0;
  private done = 0;
  private failed = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {}

  private get live(): boolean {
    return this.out.isTTY === true;
  }

  onTestModuleCollected(module: TestModule): void {
    for (const test of module.children.allTests()) if (test.options.mode === "run") this.total++;
  }

  onTestCaseResult(test: TestCase): void {
    this.done++;
    if (test.result().state === "failed") this.failed++;
    if (!this.live) return;
    const failed = this.failed > 0 ? `, ${this.failed} failed` : "";
    const line = `[${this.done}/${Math.max(this.total, this.done)}${failed}] ${test.name}`;
    const width = (this.out.columns ?? 80) - 1;
    this.out.write(`\r\x1b[K${line.slice(0, width)}`);
  }

  onTestRunEnd(): void {
    if (this.live && this.done > 0) this.out.write("\r\x1b[K");
  }
}
