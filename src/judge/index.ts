/**
 * A check's verdict: one fixture in one format, run against a target and judged. The conformance
 * suites call it under vitest for `run`; the sweeps (`faults`, `variants`) call it directly.
 */
export {
  type Check,
  checkMeta,
  checkTitle,
  judgeCheck,
  type RequirementLevels,
  suiteChecks,
} from "./judge-check.js";
export { type JudgeRunOptions, judgeRun } from "./judge-run.js";
export { createRunContext, type RunContextOptions } from "./run-context.js";
export { suiteOrder } from "./suite-order.js";
