import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkResult } from "../testing/check-results.js";
import type { CheckResult, CheckState } from "./check-result.js";
import { renderCoverage, requirementCoverage, unknownCitations } from "./coverage.js";
import { parseCsv, type Requirement } from "./requirements.js";
import { renderConsole, summarise, writeSummary } from "./summary.js";

function check(checkId: string, suite: string, state: CheckState, extra = {}): CheckResult {
  return checkResult(checkId, {
    suite,
    state,
    requirements: ["ndop-create-01"],
    title: `title ${checkId}`,
    ...extra,
  });
}

const checks = [
  check("c1", "create", "passed"),
  check("c2", "create", "failed", { failure: "\nexpected 201\n\ngot 500\nthird\nfourth" }),
  check("c3", "create", "warning", { level: "SHOULD", warnings: ["w1", "w2"] }),
  check("u1", "update", "blocked", { blockedBy: "setup: create" }),
  check("u2", "update", "skipped", { skipReason: "not on int" }),
  check("u3", "update", "failed"),
];
const run = { environment: "sandbox", baseUrl: "http://127.0.0.1:1/STU3", startedAt: new Date() };

describe("the run summary", () => {
  it("counts each state overall and per suite, exactly", () => {
    const summary = summarise(checks, ["one run error"], run);
    expect(summary.counts).toEqual({
      passed: 1,
      warning: 1,
      failed: 2,
      blocked: 1,
      skipped: 1,
      total: 6,
    });
    expect(summary.suites).toEqual({
      create: { passed: 1, warning: 1, failed: 1, blocked: 0, skipped: 0 },
      update: { passed: 0, warning: 0, failed: 1, blocked: 1, skipped: 1 },
    });
    expect(summary.strict).toBe(false);
    expect(summary.runErrors).toEqual(["one run error"]);
    expect(summary.checks).toEqual(checks);
  });

  it("lists failures with their first three non-blank lines, warnings and blocked checks", () => {
    const summary = summarise(checks, [], { ...run, strict: true });
    expect(summary.strict).toBe(true);
    expect(summary.failures).toEqual([
      {
        checkId: "c2",
        title: "title c2",
        requirements: ["ndop-create-01"],
        failure: "expected 201 / got 500 / third",
      },
      { checkId: "u3", title: "title u3", requirements: ["ndop-create-01"], failure: "" },
    ]);
    expect(summary.warnings).toEqual([
      {
        checkId: "c3",
        title: "title c3",
        requirements: ["ndop-create-01"],
        level: "SHOULD",
        warnings: ["w1", "w2"],
      },
    ]);
    expect(summary.blocked).toEqual([
      { checkId: "u1", title: "title u1", blockedBy: "setup: create" },
    ]);
  });

  it("writes summary.json as the summary itself, and names every failing check in both renderings", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ndop-summary-")), "nested");
    const summary = summarise(checks, ["boom"], run);
    writeSummary(summary, dir);
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))).toEqual(
      JSON.parse(JSON.stringify(summary)),
    );
    const markdown = readFileSync(join(dir, "summary.md"), "utf8");
    const terminal = renderConsole(summary);
    for (const text of [markdown, terminal]) {
      for (const id of ["c2", "u3", "c3", "u1"]) expect(text).toContain(id);
      expect(text).toContain("boom");
    }
    expect(terminal.trimEnd().split("\n").slice(-2)).toEqual([
      "1 passed, 1 warning, 2 failed, 1 blocked, 1 skipped",
      "Test patients: 0 consumed (free patients not counted: no NDOP_PATIENTS pool, or the embedded sandbox).",
    ]);
  });
});

const requirement = (key: string, verifiedElsewhere = ""): Requirement => ({
  key,
  section: "5",
  level: "SHALL",
  text: `text of ${key}`,
  verifiedElsewhere,
});

describe("requirement coverage", () => {
  const requirements = [requirement("r-1"), requirement("r-2", "unit test x"), requirement("r-3")];
  const citations = [
    { id: "f1", requirements: ["r-1", "r-9"] },
    { id: "f2", requirements: ["r-1"] },
  ];

  it("names the fixtures that verify each requirement, and the citations of unknown keys", () => {
    const coverage = requirementCoverage(requirements, citations);
    expect(coverage.map(({ key, verifiedBy }) => [key, verifiedBy])).toEqual([
      ["r-1", ["f1", "f2"]],
      ["r-2", []],
      ["r-3", []],
    ]);
    expect(unknownCitations(requirements, citations)).toEqual(["f1 cites r-9"]);
  });

  it("renders the count verified, each requirement's status and fault modes, then the gaps", () => {
    const faults = [{ name: "break-r1", requirement: "r-1" }];
    const text = renderCoverage(requirementCoverage(requirements, citations, faults));
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "1 of 3 requirements (3 SHALL, 0 SHOULD or MAY) are verified by conformance checks.",
    );
    expect(lines.slice(2).map((line) => line.replace(/ +/g, " "))).toEqual([
      "r-1 §5 SHALL checks: f1, f2",
      " fault modes: break-r1",
      "r-2 §5 SHALL unit test x",
      "r-3 §5 SHALL NOT VERIFIED",
      "",
      "Gaps: 1 SHALL(s) without a fault mode: r-3",
    ]);
  });
});

describe("the requirements CSV", () => {
  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    expect(parseCsv('key,text\nr-1,"a, ""b""\nc"\r\nr-2,plain\n')).toEqual([
      ["key", "text"],
      ["r-1", 'a, "b"\nc'],
      ["r-2", "plain"],
    ]);
  });
});
