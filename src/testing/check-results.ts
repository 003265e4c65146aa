import type { CheckResult } from "../report/check-result.js";

/** A check result for report tests: a passed SHALL of suite "s" in JSON, unless `fields` say otherwise. */
export function checkResult(checkId: string, fields: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId,
    fixture: checkId,
    suite: "s",
    format: "json",
    requirements: [],
    severity: "normal",
    level: "SHALL",
    title: checkId,
    state: "passed",
    durationMs: 1,
    ...fields,
  };
}
