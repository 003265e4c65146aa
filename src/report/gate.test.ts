import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkResult } from "../testing/check-results.js";
import { type Baseline, compareWithBaseline, readBaseline, recordBaseline } from "./baseline.js";
import type { CheckResult, CheckState } from "./check-result.js";

function check(checkId: string, state: CheckState, failure?: string): CheckResult {
  return checkResult(checkId, { state, ...(failure === undefined ? {} : { failure }) });
}

const baselineOf = (
  checks: Record<string, CheckState>,
  knownFailures: Baseline["knownFailures"] = [],
): Baseline => ({
  recordedAt: "2026-11-25T00:00:00.000Z",
  environment: "int",
  checks,
  knownFailures,
});

describe("the regression gate's rules", () => {
  it("fails on a failure the baseline does not know, and names it", () => {
    const verdict = compareWithBaseline([check("a", "failed")], baselineOf({ a: "passed" }));
    expect(verdict).toEqual({
      newFailures: ["a"],
      knownFailures: [],
      fixed: [],
      missing: [],
      newlyBlocked: [],
      newWarnings: [],
      noLongerJudged: [],
      newlyUnjudged: [],
      passed: false,
    });
  });

  it("passes a known failure and reports it with its reason", () => {
    const verdict = compareWithBaseline(
      [check("a", "failed")],
      baselineOf({ a: "failed" }, [{ checkId: "a", reason: "fault 3 of section 9" }]),
    );
    expect(verdict.passed).toBe(true);
    expect(verdict.newFailures).toEqual([]);
    expect(verdict.knownFailures).toEqual([{ checkId: "a", reason: "fault 3 of section 9" }]);
  });

  it("counts a known failure that failed in the baseline but is not listed with a reason as new", () => {
    const verdict = compareWithBaseline([check("a", "failed")], baselineOf({ a: "failed" }));
    expect(verdict.passed).toBe(false);
    expect(verdict.newFailures).toEqual(["a"]);
  });

  it("refuses a baseline whose known failure has no reason", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-gate-")), "baseline.json");
    writeFileSync(
      file,
      JSON.stringify(baselineOf({ a: "failed" }, [{ checkId: "a", reason: "" }])),
    );
    expect(() => readBaseline(file)).toThrow(/each with checkId and reason/);
    writeFileSync(file, JSON.stringify({ checks: {}, knownFailures: [{ checkId: "a" }] }));
    expect(() => readBaseline(file)).toThrow(/is not a baseline/);
    writeFileSync(file, "{");
    expect(() => readBaseline(file)).toThrow(/cannot be read/);
  });

  it("reads a well-formed baseline back unchanged", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-gate-")), "baseline.json");
    const baseline = baselineOf({ a: "failed" }, [{ checkId: "a", reason: "known" }]);
    writeFileSync(file, JSON.stringify(baseline));
    expect(readBaseline(file)).toEqual(baseline);
  });

  it("reports a known failure that passes or warns now as fixed", () => {
    const known = [
      { checkId: "a", reason: "r" },
      { checkId: "b", reason: "r" },
    ];
    const verdict = compareWithBaseline(
      [check("a", "passed"), check("b", "warning")],
      baselineOf({ a: "failed", b: "failed" }, known),
    );
    expect(verdict.fixed).toEqual(["a", "b"]);
    expect(verdict.passed).toBe(true);
  });

  it("never counts a known failure that did not run, or was blocked or skipped, as fixed", () => {
    const known = ["a", "b", "c"].map((checkId) => ({ checkId, reason: "r" }));
    const verdict = compareWithBaseline(
      [check("b", "blocked"), check("c", "skipped")],
      baselineOf({ a: "failed", b: "failed", c: "failed" }, known),
    );
    expect(verdict.fixed).toEqual([]);
    expect(verdict.missing).toEqual(["a"]);
    expect(verdict.newlyBlocked).toEqual([]);
    expect(verdict.noLongerJudged).toEqual([]);
  });

  it("lists a baseline check that did not run as missing, without failing the gate", () => {
    const verdict = compareWithBaseline(
      [check("b", "passed")],
      baselineOf({ a: "passed", b: "passed" }),
    );
    expect(verdict.missing).toEqual(["a"]);
    expect(verdict.passed).toBe(true);
  });

  it("reports a new warning only for a check that passed in the baseline, and never fails on it", () => {
    const verdict = compareWithBaseline(
      [check("a", "warning"), check("b", "warning"), check("c", "warning")],
      baselineOf({ a: "passed", b: "warning" }),
    );
    expect(verdict.newWarnings).toEqual(["a"]);
    expect(verdict.passed).toBe(true);
  });

  it("fails on a newly blocked check only if the baseline judged it", () => {
    const verdict = compareWithBaseline(
      [check("a", "blocked"), check("b", "blocked"), check("c", "blocked"), check("d", "blocked")],
      baselineOf({ a: "passed", b: "warning", c: "blocked", d: "skipped" }),
    );
    expect(verdict.newlyBlocked).toEqual(["a", "b"]);
    expect(verdict.passed).toBe(false);
  });

  it("reports a judged check now skipped as no longer judged, without failing", () => {
    const verdict = compareWithBaseline(
      [check("a", "skipped"), check("b", "skipped"), check("c", "skipped")],
      baselineOf({ a: "passed", b: "warning", c: "failed" }),
    );
    expect(verdict.noLongerJudged).toEqual(["a", "b"]);
    expect(verdict.passed).toBe(true);
  });
});

describe("recording a baseline", () => {
  it("records every check's state, and each failure as known with its first line as the reason", () => {
    const baseline = recordBaseline(
      [check("a", "passed"), check("b", "failed", "expected 201\nstack"), check("c", "failed")],
      "int",
    );
    expect(baseline.environment).toBe("int");
    expect(baseline.checks).toEqual({ a: "passed", b: "failed", c: "failed" });
    expect(baseline.knownFailures).toEqual([
      { checkId: "b", reason: "failing when recorded: expected 201" },
      { checkId: "c", reason: "failing when recorded: " },
    ]);
    expect(Number.isNaN(Date.parse(baseline.recordedAt))).toBe(false);
  });
});
