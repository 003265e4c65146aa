import { performance } from "node:perf_hooks";
import type { RunConfig } from "../config/index.js";
import type { LoadedFixture, RunContext, Verdict } from "../fixtures/index.js";
import type { CheckMeta, CheckResult, CheckState } from "../report/index.js";
import {
  type Check,
  checkMeta,
  checkTitle,
  judgeCheck,
  type RequirementLevels,
  suiteChecks,
} from "./judge-check.js";
import { suiteOrder } from "./suite-order.js";

export interface JudgeRunOptions {
  /** The run's suites, each with its fixtures as loaded. */
  suites: ReadonlyMap<string, readonly LoadedFixture[]>;
  levels: RequirementLevels;
  strict: boolean;
}

/**
 * Every check of the run's suites, judged one after another against the context's target as the
 * suites judge them under vitest (judge-check.ts), without a test runner or reporters: what the
 * sweeps need of a run is its results, dozens of times over.
 */
export async function judgeRun(
  config: RunConfig,
  context: RunContext,
  options: JudgeRunOptions,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const suite of suiteOrder([...options.suites.keys()])) {
    for (const check of suiteChecks(options.suites.get(suite) ?? [], config)) {
      results.push(await judgedResult(check, context, options));
    }
  }
  return results;
}

async function judgedResult(
  check: Check,
  context: RunContext,
  { levels, strict }: JudgeRunOptions,
): Promise<CheckResult> {
  const startedAt = performance.now();
  const meta = checkMeta(check, levels, context);
  const title = checkTitle(check);
  try {
    const { verdict } = await judgeCheck(check, context, meta, strict);
    return { ...resultOf(meta, verdict), title, durationMs: performance.now() - startedAt };
  } catch (error) {
    // Under vitest, a check that throws fails with the error's message; so it does here.
    const failure = error instanceof Error ? error.message : String(error);
    return { ...meta, title, state: "failed", failure, durationMs: performance.now() - startedAt };
  }
}

/** The result a verdict gives, as the collector reads it from vitest (report/collect-results.ts). */
function resultOf(meta: CheckMeta, verdict: Verdict): Omit<CheckResult, "title" | "durationMs"> {
  const state: CheckState = verdict.outcome === "not-judged" ? "skipped" : verdict.outcome;
  return {
    ...meta,
    state,
    ...(state === "failed" ? { failure: verdict.failures.join("\n") } : {}),
    ...(state === "skipped" && verdict.reason ? { skipReason: verdict.reason } : {}),
  };
}
