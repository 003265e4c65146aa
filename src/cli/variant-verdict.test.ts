import { describe, expect, it } from "vitest";
import { type CheckResult, type CheckState, summarise } from "../report/index.js";
import { VARIANTS } from "../sandbox/index.js";
import { checkResult } from "../testing/check-results.js";
import { variantVerdict } from "./variant-verdict.js";

const check = (state: CheckState, more: Partial<CheckResult> = {}) =>
  checkResult(`update/${state} [json]`, { state, requirements: ["ndop-update-01"], ...more });

const summary = (checks: CheckResult[], runErrors: string[] = []) =>
  summarise(checks, runErrors, { environment: "sandbox", baseUrl: "", startedAt: new Date() });

const shouldWarning = check("warning", {
  requirements: ["ndop-update-05"],
  level: "SHOULD",
  warnings: ["SHOULD: expected HTTP 412, got 200"],
});
const bdl4Warning = check("warning", { warnings: ["known-defect:stu3-bdl-4 (a known defect)"] });

describe("whether the checks judged a conforming variant as they must", () => {
  it("passes with no warning, or with only the warnings the variant implies", () => {
    expect(variantVerdict(VARIANTS["no-charset"], summary([check("passed")]))).toEqual({
      kind: "passed",
      evidence: "1 check(s) ran, no warning",
    });
    expect(
      variantVerdict(VARIANTS["if-match-ignored"], summary([check("passed"), shouldWarning])),
    ).toEqual({
      kind: "passed",
      evidence: "2 check(s) ran, 1 warning(s), each one the variant implies",
    });
    expect(variantVerdict(VARIANTS["history-entry-response"], summary([bdl4Warning])).kind).toBe(
      "passed",
    );
  });

  it("a warning the variant does not imply is a false alarm, as are a failure and a blocked check", () => {
    expect(variantVerdict(VARIANTS["if-match-ignored"], summary([bdl4Warning]))).toEqual({
      kind: "false alarm",
      evidence:
        "update/warning [json] warned, which the variant does not imply: known-defect:stu3-bdl-4 (a known defect)",
    });
    // A SHALL check citing the requirement is not the SHOULD the variant forgoes.
    const shallCiting = { ...shouldWarning, level: "SHALL" as const };
    expect(variantVerdict(VARIANTS["if-match-ignored"], summary([shallCiting])).kind).toBe(
      "false alarm",
    );
    expect(variantVerdict(VARIANTS["no-charset"], summary([shouldWarning])).kind).toBe(
      "false alarm",
    );
    expect(
      variantVerdict(
        VARIANTS["no-charset"],
        summary([check("failed", { failure: "header Content-Type\nmore" })]),
      ),
    ).toEqual({
      kind: "false alarm",
      evidence: "update/failed [json] failed: header Content-Type / more",
    });
    expect(
      variantVerdict(
        VARIANTS["no-charset"],
        summary([check("blocked", { blockedBy: "setup: 500" })]),
      ),
    ).toEqual({ kind: "false alarm", evidence: "update/blocked [json] blocked: setup: 500" });
  });

  it("not judged when the run broke or ran nothing", () => {
    expect(
      variantVerdict(VARIANTS["no-charset"], summary([check("passed")], ["boom\nstack"])),
    ).toEqual({ kind: "not judged", evidence: "the run broke: boom" });
    expect(variantVerdict(VARIANTS["no-charset"], summary([]))).toEqual({
      kind: "not judged",
      evidence: "no check ran",
    });
  });
});
