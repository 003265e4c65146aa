import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkResult } from "../testing/check-results.js";
import type { CheckResult, PatientUsage } from "./check-result.js";
import {
  patientLine,
  patientUsage,
  renderConsole,
  renderMarkdown,
  summarise,
  writeSummary,
} from "./summary.js";
import { renderTimings } from "./timings.js";

const checks: CheckResult[] = [
  checkResult("a1", { suite: "create", title: "t a1", patientsConsumed: 2, durationMs: 10 }),
  checkResult("a2", {
    suite: "create",
    title: "t a2",
    state: "failed",
    requirements: ["r-1", "r-2"],
    failure: "expected 201\n   \ngot 500",
    patientsConsumed: 1,
    durationMs: 20,
  }),
  checkResult("a3", {
    suite: "create",
    title: "t a3",
    state: "warning",
    level: "SHOULD",
    requirements: ["r-3", "r-4"],
    warnings: ["w1", "w2"],
    durationMs: 30,
  }),
  checkResult("b1", {
    suite: "update",
    title: "t b1",
    state: "blocked",
    blockedBy: "setup: create",
  }),
  checkResult("b2", { suite: "update", title: "t b2", state: "skipped", skipReason: "not on int" }),
  checkResult("b3", {
    suite: "update",
    title: "t b3",
    state: "skipped",
    notJudged: "no test patient left",
  }),
];

const STARTED = new Date("2026-11-25T10:00:00.000Z");
const run = {
  environment: "int",
  baseUrl: "https://int.example/STU3",
  startedAt: STARTED,
  pool: { size: 80, freeBefore: 40, needed: 6 },
  tool: { version: "0.1.0", commit: "abc1234" },
};

describe("the summary of a run", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(STARTED.getTime() + 12_345));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps the run's target, start, duration, tool and the checks not judged", () => {
    const summary = summarise(checks, ["suite update cannot load"], run);
    expect(summary).toMatchObject({
      environment: "int",
      baseUrl: "https://int.example/STU3",
      startedAt: "2026-11-25T10:00:00.000Z",
      durationMs: 12_345,
      strict: false,
      tool: { version: "0.1.0", commit: "abc1234" },
      notJudged: [{ checkId: "b3", title: "t b3", level: "SHALL", reason: "no test patient left" }],
      patients: { consumed: 3, pool: 80, freeBefore: 40, leftFree: 37, runsLeft: 11 },
    });
    expect(summary.failures[0]?.failure).toBe("expected 201 / got 500");
    expect(summarise([], [], { ...run, tool: undefined })).not.toHaveProperty("tool");
  });

  it("gives a warning with no warnings listed an empty list", () => {
    const warned = checkResult("w", { state: "warning" });
    expect(summarise([warned], [], run).warnings).toEqual([
      { checkId: "w", title: "w", requirements: [], level: "SHALL", warnings: [] },
    ]);
  });

  it("renders summary.md: header, suite table, each non-empty section, timings and the tool", () => {
    expect(renderMarkdown(summarise(checks, ["suite update cannot load"], run))).toBe(
      [
        "# NDOP conformance run: int",
        "",
        "Target https://int.example/STU3, started 2026-11-25T10:00:00.000Z, 12.3 s.",
        "",
        "**1 passed, 1 warning, 1 failed, 1 blocked, 2 skipped** of 6 checks.",
        "",
        "JUnit shows warnings as passed (each with a `warning` property) and blocked checks as skipped (with a `blocked` property).",
        "",
        "| suite | passed | warning | failed | blocked | skipped |",
        "| --- | --- | --- | --- | --- | --- |",
        "| create | 1 | 1 | 1 | 0 | 0 |",
        "| update | 0 | 0 | 0 | 1 | 2 |",
        "",
        "## Failures",
        "",
        "- `a2` t a2: expected 201 / got 500 (r-1, r-2)",
        "",
        "## Warnings (do not fail the run unless --strict)",
        "",
        "- `a3` t a3 (SHOULD: r-3, r-4): w1 / w2",
        "",
        "## Blocked (a setup step failed; the fault is reported by its own check)",
        "",
        "- `b1`: setup: create",
        "",
        "## Test patients",
        "",
        "Test patients: 3 consumed, 37 of 80 left free: at this rate 11 more full runs.",
        "",
        "## Not judged (the environment ran out of something; a not-judged SHALL exits 2 unless --allow-unjudged)",
        "",
        "- `b3` (SHALL): no test patient left",
        "",
        "## Errors outside the checks",
        "",
        "- suite update cannot load",
        "",
        "## Skipped",
        "",
        "- `b2`: not on int",
        "- `b3`: skipped",
        "",
        ...renderTimings(checks),
        "Produced by ndop-conformance 0.1.0 (commit abc1234).",
        "",
      ].join("\n"),
    );
  });

  it("leaves empty sections out of summary.md, and says when warnings are failures", () => {
    const markdown = renderMarkdown(
      summarise([], [], { ...run, strict: true, pool: undefined, tool: undefined }),
    );
    expect(markdown).toBe(
      [
        "# NDOP conformance run: int",
        "",
        "Target https://int.example/STU3, started 2026-11-25T10:00:00.000Z, 12.3 s.",
        "",
        "**0 passed, 0 warnings, 0 failed, 0 blocked, 0 skipped** of 0 checks (--strict: warnings are failures).",
        "",
        "JUnit shows warnings as passed (each with a `warning` property) and blocked checks as skipped (with a `blocked` property).",
        "",
        "| suite | passed | warning | failed | blocked | skipped |",
        "| --- | --- | --- | --- | --- | --- |",
        "",
        "## Test patients",
        "",
        "Test patients: 0 consumed (free patients not counted: no NDOP_PATIENTS pool, or the embedded sandbox).",
        "",
        "",
      ].join("\n"),
    );
  });

  it("names a tool outside a git checkout as commit unknown", () => {
    const summary = summarise([], [], { ...run, tool: { version: "0.2.0", commit: "unknown" } });
    expect(renderMarkdown(summary).trimEnd().split("\n").at(-1)).toBe(
      "Produced by ndop-conformance 0.2.0 (commit unknown).",
    );
  });

  it("renders the console summary: suites, then failures, warnings, blocked, errors, not judged", () => {
    const twoWarnings = [...checks, checkResult("a4", { suite: "create", state: "warning" })];
    expect(renderConsole(summarise(twoWarnings, ["suite update cannot load"], run))).toBe(
      [
        "NDOP conformance against int (https://int.example/STU3): 12.3 s",
        "  create       1 passed, 2 warnings, 1 failed, 0 blocked, 0 skipped",
        "  update       0 passed, 0 warnings, 0 failed, 1 blocked, 2 skipped",
        "  FAILED a2: expected 201 / got 500",
        "  WARNING a3 (SHOULD): w1 / w2",
        "  WARNING a4 (SHALL): ",
        "  BLOCKED b1: setup: create",
        "  ERROR suite update cannot load",
        "  NOT JUDGED b3 (SHALL): no test patient left",
        "1 passed, 2 warnings, 1 failed, 1 blocked, 2 skipped",
        "Test patients: 3 consumed, 37 of 80 left free: at this rate 11 more full runs.",
        "",
      ].join("\n"),
    );
  });

  it("writes summary.json and summary.md, making the folders it needs", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ndop-summary-")), "reports", "run-1");
    const summary = summarise(checks, [], run);
    writeSummary(summary, dir);
    expect(readFileSync(join(dir, "summary.json"), "utf8")).toBe(
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toBe(renderMarkdown(summary));
  });
});

describe("the test patient budget", () => {
  const spending = (...consumed: number[]) =>
    consumed.map((count, index) => checkResult(`c${index}`, { patientsConsumed: count }));

  it("sums the patients the checks consumed; without a pool nothing else is known", () => {
    expect(patientUsage([...spending(2, 3), checkResult("none")], undefined)).toEqual({
      consumed: 5,
      pool: null,
      freeBefore: null,
      leftFree: null,
      runsLeft: null,
    });
  });

  it("counts the full runs left, keeping free the patients a run needs but does not spend", () => {
    // 37 left free; a run spends 3 and needs 6 free: (37 - 3) / 3 = 11 more runs.
    expect(patientUsage(spending(3), { size: 80, freeBefore: 40, needed: 6 })).toEqual({
      consumed: 3,
      pool: 80,
      freeBefore: 40,
      leftFree: 37,
      runsLeft: 11,
    });
    // Fewer than a run needs: none left, never a negative count.
    expect(patientUsage(spending(3), { size: 80, freeBefore: 5, needed: 6 })).toMatchObject({
      leftFree: 2,
      runsLeft: 0,
    });
    expect(patientUsage(spending(3), { size: 80, freeBefore: 2, needed: 6 })).toMatchObject({
      leftFree: 0,
      runsLeft: 0,
    });
  });

  it("does not guess the runs left when the run consumed no patient", () => {
    expect(patientUsage(spending(0), { size: 80, freeBefore: 40, needed: 1 })).toEqual({
      consumed: 0,
      pool: 80,
      freeBefore: 40,
      leftFree: 40,
      runsLeft: null,
    });
  });

  it("says it in one line: consumed, left free, and runs left (singular for one)", () => {
    const usage: PatientUsage = {
      consumed: 4,
      pool: 80,
      freeBefore: 40,
      leftFree: 36,
      runsLeft: 9,
    };
    expect(patientLine(usage)).toBe(
      "Test patients: 4 consumed, 36 of 80 left free: at this rate 9 more full runs.",
    );
    expect(patientLine({ ...usage, runsLeft: 1 })).toBe(
      "Test patients: 4 consumed, 36 of 80 left free: at this rate 1 more full run.",
    );
    expect(patientLine({ ...usage, consumed: 0, leftFree: 40, runsLeft: null })).toBe(
      "Test patients: 0 consumed, 40 of 80 left free.",
    );
  });
});
