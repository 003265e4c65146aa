import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectedCounts, runBuiltCli } from "../testing/index.js";

describe("ndop-conformance report and coverage", () => {
  it("generates the Allure HTML report from a run's results", () => {
    const reports = mkdtempSync(join(tmpdir(), "ndop-allure-"));
    expect(runBuiltCli(["run", "--suite", "capability", "--reports-dir", reports]).status).toBe(0);
    const run = runBuiltCli(["report", "--reports-dir", reports]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(reports, "allure-report", "index.html"))).toBe(true);
    const summary = JSON.parse(
      readFileSync(join(reports, "allure-report", "summary.json"), "utf8"),
    );
    expect(summary.stats).toMatchObject({ total: 2, passed: 2 });
  });

  it("says so, with exit 2, when there are no results", () => {
    const run = runBuiltCli(["report", "--reports-dir", join(tmpdir(), "ndop-no-such-reports")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/holds no Allure results: run ndop-conformance run first/);
  });

  it("shows every requirement as verified by fixtures, or says what verifies it instead", () => {
    const run = runBuiltCli(["coverage", "--json"]);
    expect(run.status).toBe(0);
    const { coverage, unknownCitations } = JSON.parse(run.stdout) as {
      coverage: { key: string; verifiedBy: string[]; verifiedElsewhere: string }[];
      unknownCitations: string[];
    };
    expect(unknownCitations).toEqual([]);
    expect(coverage.length).toBe(expectedCounts().requirements);
    expect(
      coverage.filter((entry) => entry.verifiedBy.length === 0).map((entry) => entry.key),
    ).toEqual(["ndop-security-03", "ndop-rule-07", "ndop-safety-01"]);
    expect(
      coverage.every((entry) => entry.verifiedBy.length > 0 || entry.verifiedElsewhere !== ""),
    ).toBe(true);
  });
});
