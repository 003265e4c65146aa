import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConformanceError } from "../errors/index.js";
import { checkResult } from "../testing/check-results.js";
import {
  type Baseline,
  compareWithBaseline,
  type GateVerdict,
  readBaseline,
  renderVerdict,
  writeBaseline,
} from "./baseline.js";

const baseline: Baseline = {
  recordedAt: "2026-11-25T00:00:00.000Z",
  environment: "int",
  checks: { a: "passed", b: "failed" },
  knownFailures: [{ checkId: "b", reason: "fault 3 of section 9" }],
};

function baselineFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "ndop-baseline-")), "baseline.json");
  writeFileSync(file, content);
  return file;
}

/** The error readBaseline throws for the file, or a failure if it throws none. */
function refusal(file: string): ConformanceError {
  try {
    readBaseline(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConformanceError);
    return error as ConformanceError;
  }
  throw new Error(`readBaseline accepted ${file}`);
}

const NOT_A_BASELINE =
  'is not a baseline: it needs "checks" and "knownFailures" (each with checkId and reason).';

describe("the baseline file", () => {
  it("is written as indented JSON with a final newline, and reads back the same", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-baseline-")), "baseline.json");
    writeBaseline(file, baseline);
    expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify(baseline, null, 2)}\n`);
    expect(readBaseline(file)).toEqual(baseline);
  });

  it("is refused when it is not JSON, naming the file, as FILE_UNREADABLE", () => {
    const file = baselineFile("{");
    const error = refusal(file);
    expect(error.code).toBe("FILE_UNREADABLE");
    expect(error.message).toMatch(new RegExp(`^Baseline ${file} cannot be read: `));
    expect(error.context).toEqual({ file });
  });

  it("is refused without checks, without knownFailures, or with any known failure lacking an id or reason", () => {
    const broken = [
      { knownFailures: [] },
      { checks: {} },
      { checks: {}, knownFailures: [{ checkId: "a", reason: "r" }, { checkId: "b" }] },
      { checks: {}, knownFailures: [{ checkId: "a", reason: "r" }, { reason: "r" }] },
      { checks: {}, knownFailures: [null] },
    ];
    for (const content of broken) {
      const file = baselineFile(JSON.stringify(content));
      const error = refusal(file);
      expect(error.code).toBe("FILE_UNREADABLE");
      expect(error.message).toBe(`Baseline ${file} ${NOT_A_BASELINE}`);
      expect(error.context).toEqual({ file });
    }
  });
});

describe("the gate's verdict in words", () => {
  it("says the gate passed, then each report line in order", () => {
    const verdict: GateVerdict = {
      newFailures: [],
      knownFailures: [{ checkId: "k", reason: "fault 3" }],
      fixed: ["f"],
      missing: ["m"],
      newlyBlocked: [],
      newWarnings: ["w"],
      noLongerJudged: ["s"],
      newlyUnjudged: [],
      passed: true,
    };
    expect(renderVerdict(verdict)).toBe(
      [
        "Regression gate: passed (no new failures).",
        "  new warning (passed in the baseline; fails only with --strict): w",
        "  no longer judged (passed in the baseline, skipped now): s",
        "  known failure: k (fault 3)",
        "  fixed, remove from the baseline's knownFailures: f",
        "  in the baseline but not run: m",
        "",
      ].join("\n"),
    );
  });

  it("counts new failures, newly blocked and newly not judged checks when it fails", () => {
    const verdict: GateVerdict = {
      newFailures: ["n1", "n2"],
      knownFailures: [],
      fixed: [],
      missing: [],
      newlyBlocked: ["b"],
      newWarnings: [],
      noLongerJudged: [],
      newlyUnjudged: ["u"],
      passed: false,
    };
    expect(renderVerdict(verdict)).toBe(
      [
        "Regression gate: FAILED, 2 new failure(s), 1 newly blocked, 1 newly not judged.",
        "  newly not judged (passed in the baseline; the environment ran out of test patients): u",
        "  new failure: n1",
        "  new failure: n2",
        "  newly blocked (passed in the baseline): b",
        "",
      ].join("\n"),
    );
  });
});

describe("the gate and checks not judged now", () => {
  it("fails only on those the baseline judged, not on ones that failed there or were never run", () => {
    const unjudged = (checkId: string) =>
      checkResult(checkId, { state: "skipped", notJudged: "no test patient left" });
    const verdict = compareWithBaseline([unjudged("a"), unjudged("b"), unjudged("new")], baseline);
    expect(verdict.newlyUnjudged).toEqual(["a"]);
    expect(verdict.noLongerJudged).toEqual([]);
    expect(verdict.passed).toBe(false);
  });

  it("passes when no check the baseline judged has become unjudged", () => {
    const verdict = compareWithBaseline(
      [
        checkResult("a"),
        checkResult("new", { state: "blocked", blockedBy: "setup" }),
        checkResult("new2", { state: "skipped", notJudged: "no test patient left" }),
      ],
      baseline,
    );
    expect(verdict).toMatchObject({ newlyBlocked: [], newlyUnjudged: [], passed: true });
  });
});
