import type { Reporter, TestModule } from "vitest/node";
import type { CheckMeta, CheckResult, CheckState, CheckTaskMeta } from "./check-result.js";

/**
 * A vitest reporter that keeps each conformance check's outcome, for the summary, the baseline
 * comparison and the exit code. It prints nothing itself.
 */
export class CheckCollector implements Reporter {
  readonly checks: CheckResult[] = [];
  readonly runErrors: string[] = [];

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
  ): void {
    for (const error of unhandledErrors) this.runErrors.push(error.message ?? String(error));
    for (const module of modules) {
      for (const error of module.errors())
        this.runErrors.push(`${module.moduleId}: ${error.message}`);
      for (const test of module.children.allTests()) {
        const meta = (test.meta() as CheckTaskMeta).ndop;
        if (meta === undefined) continue;
        const result = test.result();
        const check: CheckResult = {
          ...meta,
          title: test.name,
          state: stateOf(result.state, meta),
          durationMs: test.diagnostic()?.duration ?? 0,
        };
        if (result.state === "failed")
          check.failure = result.errors.map((error) => error.message).join("\n");
        if (check.state === "skipped" && result.state === "skipped" && result.note)
          check.skipReason = result.note;
        this.checks.push(check);
      }
    }
  }
}

/** Vitest knows passed, failed and skipped; the suite's meta says which pass warned and which skip was blocked. */
function stateOf(vitestState: string, meta: CheckMeta): CheckState {
  if (vitestState === "failed") return "failed";
  if (vitestState === "passed") return meta.warnings?.length ? "warning" : "passed";
  return meta.blockedBy ? "blocked" : "skipped";
}
