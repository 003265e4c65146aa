import { describe, expect, it } from "vitest";
import { checkResult } from "../testing/check-results.js";
import { type Baseline, compareWithBaseline, renderVerdict } from "./baseline.js";
import type { CheckResult, CheckState } from "./check-result.js";

function check(checkId: string, state: CheckState): CheckResult {
  return checkResult(checkId, { state, requirements: ["ndop-update-05"] });
}

const baseline: Baseline = {
  recordedAt: "2026-11-25T00:00:00.000Z",
  environment: "sandbox",
  checks: { a: "passed", b: "passed", c: "warning", d: "failed", e: "passed", f: "blocked" },
  knownFailures: [{ checkId: "d", reason: "known since the baseline" }],
};

describe("the regression gate and the outcome levels", () => {
  it("passes new warnings and known failures, reporting them", () => {
    const verdict = compareWithBaseline(
      [check("a", "warning"), check("b", "passed"), check("d", "failed"), check("f", "blocked")],
      baseline,
    );
    expect(verdict).toMatchObject({
      passed: true,
      newFailures: [],
      newWarnings: ["a"],
      newlyBlocked: [],
      knownFailures: [{ checkId: "d", reason: "known since the baseline" }],
    });
  });

  it("fails on a check that passed or warned and is now blocked, and reports one now skipped", () => {
    const verdict = compareWithBaseline(
      [check("a", "blocked"), check("c", "blocked"), check("e", "skipped")],
      baseline,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.newlyBlocked).toEqual(["a", "c"]);
    expect(verdict.noLongerJudged).toEqual(["e"]);
    expect(renderVerdict(verdict)).toBe(
      [
        "Regression gate: FAILED, 0 new failure(s), 2 newly blocked.",
        "  newly blocked (passed in the baseline): a",
        "  newly blocked (passed in the baseline): c",
        "  no longer judged (passed in the baseline, skipped now): e",
        "  in the baseline but not run: b",
        "  in the baseline but not run: d",
        "  in the baseline but not run: f",
        "",
      ].join("\n"),
    );
  });

  it("fails on a new failure (under --strict a warning arrives as one)", () => {
    const verdict = compareWithBaseline([check("c", "failed")], baseline);
    expect(verdict.passed).toBe(false);
    expect(verdict.newFailures).toEqual(["c"]);
  });
});

describe("the regression gate and checks the environment could not judge", () => {
  it("fails on a check that passed in the baseline and is not judged now; a correct skip only reports", () => {
    const unjudged = { ...check("a", "skipped"), notJudged: "not judged: no test patient left" };
    const verdict = compareWithBaseline([unjudged, check("b", "skipped")], baseline);
    expect(verdict).toMatchObject({
      passed: false,
      newlyUnjudged: ["a"],
      noLongerJudged: ["b"],
      newFailures: [],
    });
    expect(renderVerdict(verdict)).toContain(
      "  newly not judged (passed in the baseline; the environment ran out of test patients): a\n",
    );
  });
});
