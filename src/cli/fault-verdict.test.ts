import { describe, expect, it } from "vitest";
import { type CheckResult, type CheckState, summarise } from "../report/index.js";
import { checkResult } from "../testing/check-results.js";
import type { FaultPlan } from "./fault-plans.js";
import { faultVerdict } from "./fault-verdict.js";

const plan = (level: FaultPlan["level"]): FaultPlan => ({
  fault: "update-ignores-if-match",
  requirement: "ndop-update-05",
  level,
  fixtures: ["update/412-stale-if-match"],
  suites: ["update"],
});

const check = (state: CheckState, requirements: string[], more: Partial<CheckResult> = {}) =>
  checkResult(`update/${state}-${requirements.join("-")} [json]`, { state, requirements, ...more });

const verdict = (level: FaultPlan["level"], checks: CheckResult[], runErrors: string[] = []) =>
  faultVerdict(
    plan(level),
    summarise(checks, runErrors, { environment: "sandbox", baseUrl: "", startedAt: new Date() }),
  );

describe("whether a fault mode was caught", () => {
  it("a SHALL: caught by a failing check citing it; a failure citing something else is not enough", () => {
    const citing = check("failed", ["ndop-update-05"], { failure: "expected 412\nmore" });
    const other = check("failed", ["ndop-update-01"], { failure: "x" });
    expect(verdict("SHALL", [other, citing])).toEqual({
      kind: "caught",
      evidence: "update/failed-ndop-update-05 [json] failed: expected 412 / more",
    });
    expect(
      verdict("SHALL", [other, check("warning", ["ndop-update-05"], { warnings: ["w"] })]),
    ).toEqual({
      kind: "survived",
      evidence: "no check citing ndop-update-05 failed (2 check(s) ran)",
    });
  });

  it("a SHOULD: caught by a warning citing it, only while no check fails or is blocked", () => {
    const warned = check("warning", ["ndop-update-05"], { warnings: ["SHOULD: got 200\nmore"] });
    expect(verdict("SHOULD", [check("passed", ["ndop-update-01"]), warned])).toEqual({
      kind: "caught",
      evidence: "update/warning-ndop-update-05 [json] warned: SHOULD: got 200",
    });
    expect(
      verdict("SHOULD", [warned, check("failed", ["ndop-update-01"], { failure: "boom" })]),
    ).toEqual({
      kind: "survived",
      evidence:
        "update/failed-ndop-update-01 [json] failed, but a broken SHOULD must only warn: boom",
    });
    expect(
      verdict("SHOULD", [warned, check("blocked", ["ndop-update-01"], { blockedBy: "s" })]),
    ).toEqual({
      kind: "survived",
      evidence: "1 check(s) blocked, but a broken SHOULD must only warn",
    });
    expect(verdict("SHOULD", [check("warning", ["ndop-update-01"], { warnings: ["w"] })])).toEqual({
      kind: "survived",
      evidence: "no check citing ndop-update-05 warned (1 check(s) ran)",
    });
  });

  it("not judged when the run broke or ran nothing: never a pass, never a survivor", () => {
    expect(
      verdict("SHALL", [check("failed", ["ndop-update-05"])], ["suite failed to load\nstack"]),
    ).toEqual({
      kind: "not judged",
      evidence: "the run broke: suite failed to load",
    });
    expect(verdict("SHOULD", [])).toEqual({ kind: "not judged", evidence: "no check ran" });
  });
});
