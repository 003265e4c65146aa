import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { formatMs, type RunSummary } from "../report/index.js";
import {
  expectedCounts,
  type ReportStep,
  runBuiltCli,
  SingleFileReport,
} from "../testing/index.js";
import { PROJECT_ROOT } from "./preflight.js";

describe("ndop-conformance report and coverage", () => {
  it("generates the Allure HTML report from a run's results", () => {
    const reports = mkdtempSync(join(tmpdir(), "ndop-allure-"));
    expect(runBuiltCli(["run", "--suite", "capability", "--reports-dir", reports]).status).toBe(0);
    const run = runBuiltCli(["report", "--reports-dir", reports]);
    expect(run.status, run.stderr).toBe(0);
    const page = join(reports, "allure-report", "index.html");
    expect(run.stdout).toBe(
      `Allure report (one file, opens in a browser): ${pathToFileURL(page).href}\n`,
    );
    // One self-contained file: nothing beside it for a file:// page to fail to fetch.
    expect(readdirSync(join(reports, "allure-report")).sort()).toEqual([
      "index.html",
      "summary.json",
      "test-results.json",
    ]);
    const summary = JSON.parse(
      readFileSync(join(reports, "allure-report", "summary.json"), "utf8"),
    );
    expect(summary.stats).toMatchObject({ total: 2, passed: 2 });
    // The other suites were not chosen: JUnit does not list them as skipped checks.
    expect(junitCounts(reports)).toEqual({ tests: 2, failures: 0, errors: 0, skipped: 0 });
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

describe("the Allure report of a failing run", () => {
  const reports = mkdtempSync(join(tmpdir(), "ndop-allure-fail-"));
  const faults = { NDOP_SANDBOX_FAULTS: "history-oldest-first" };
  const run = runBuiltCli(["run", "--suite", "history", "--reports-dir", reports], faults);
  const generated = runBuiltCli(["report", "--reports-dir", reports]);
  const report = new SingleFileReport(join(reports, "allure-report", "index.html"));
  const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8")) as RunSummary;

  it("is titled with the environment and the run's date, and calls nothing outside itself", () => {
    expect([run.status, generated.status]).toEqual([1, 0]);
    expect(report.title()).toBe(`NDOP conformance — sandbox — ${summary.startedAt.slice(0, 10)}`);
    expect(report.html).not.toMatch(/googletagmanager|gtag\(/);
  });

  it("groups the checks by epic, feature and story", () => {
    const tree = report.json<TreeWidget>("widgets/tree.json");
    const names = (ids: string[]) => ids.map((id) => tree.groupsById[id]?.name);
    const [epic = ""] = tree.root.groups;
    expect(names([epic])).toEqual(["NDOP FHIR API"]);
    const [feature = ""] = tree.groupsById[epic]?.groups ?? [];
    expect(names(tree.groupsById[epic]?.groups ?? [])).toEqual(["History"]);
    expect(names(tree.groupsById[feature]?.groups ?? []).sort()).toEqual([
      "history/200-instance",
      "history/200-patient",
      "history/200-patient-empty",
      "history/200-patient-only-theirs",
    ]);
  });

  it("agrees with JUnit on every count (blocked checks are skipped there)", () => {
    const { counts } = summary;
    expect(junitCounts(reports)).toEqual({
      tests: counts.total,
      failures: counts.failed,
      errors: 0,
      skipped: counts.skipped + counts.blocked,
    });
    expect(junitCounts(reports)).toEqual({ tests: 8, failures: 4, errors: 0, skipped: 0 });
  });

  it("ends summary.md with the slowest checks, every check's time and the tool's version", () => {
    const markdown = readFileSync(join(reports, "summary.md"), "utf8");
    const slowest = [...summary.checks].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
    const section = markdown.slice(markdown.indexOf("## The 5 slowest checks"));
    expect(section.split("\n").slice(4, 9)).toEqual(
      slowest.map(
        (check) => `| \`${check.checkId}\` | ${check.state} | ${formatMs(check.durationMs)} |`,
      ),
    );
    expect(section).toContain("## Time per check");
    expect(markdown).toMatch(
      /\nProduced by ndop-conformance 0\.1\.0 \((commit [0-9a-f]{12}|commit unknown)\)\.\n$/,
    );
    expect(summary.tool?.version).toBe("0.1.0");
  });

  it("sorts failures into categories: each broken SHALL is a contract breach", () => {
    const categories = report.json<CategoriesWidget>("widgets/categories.json");
    const roots = categories.roots.map((id) => categories.nodes[id]);
    expect(roots.map((node) => [node?.name, node?.statistic.total])).toEqual([
      ["Contract breach: a SHALL is broken", summary.counts.failed],
    ]);
    expect(summary.counts.failed).toBe(4);
  });

  it("attaches each exchange as readable HTTP, and a redacted curl to the failing step", () => {
    const failed = report
      .testResults()
      .find(
        (result) => result.status === "failed" && /instance history.*\[json\]/.test(result.name),
      );
    const steps = failed?.steps ?? [];
    expect(steps.map((step) => step.name)).toEqual([
      "read the existing Consent's history before the case",
      "restore the existing Consent to a known state (active, from the template)",
      "update the Consent to inactive",
      "read the instance history",
    ]);
    expect(steps.map((step) => step.status)).toEqual(["passed", "passed", "passed", "failed"]);
    expect(`read the instance history: ${steps[3]?.message}`).toBe(failed?.error?.message);
    const attachments = (step: ReportStep | undefined) =>
      (step?.steps ?? []).map((child) => child.link?.name);
    expect(attachments(steps[0])).toEqual(["HTTP exchange"]);
    expect(attachments(steps[3])).toEqual(["HTTP exchange", "curl (repeat this request)"]);
    const exchange = attachmentText(steps[3], "HTTP exchange");
    expect(exchange).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/STU3\/Consent\/[\w-]+\/_history HTTP\/1\.1\n/,
    );
    expect(exchange).toMatch(/\nAuthorization: Bearer \[redacted\]\n/);
    expect(exchange).toMatch(/\nHTTP\/1\.1 200 {3}\(\d+ ms, 1 attempt\)\n/);
    // Pretty-printed: one member per line, indented, not an escaped JSON string.
    expect(exchange).toContain('\n{\n  "resourceType": "Bundle",\n');
    const curl = attachmentText(steps[3], "curl (repeat this request)");
    expect(curl).toMatch(
      /^curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/STU3\/Consent\/[\w-]+\/_history' \\\n/,
    );
    expect(curl).toContain('-H "Authorization: Bearer $NDOP_BEARER_TOKEN"');
    expect(`${exchange}${curl}`).not.toMatch(/eyJ/);
  });

  it("indents XML answers too, one element per line", () => {
    const xmlCheck = report
      .testResults()
      .find(
        (result) => result.status === "failed" && /instance history.*\[xml\]/.test(result.name),
      );
    const exchange = attachmentText(xmlCheck?.steps[3], "HTTP exchange");
    expect(exchange).toMatch(
      /\n<Bundle xmlns="http:\/\/hl7\.org\/fhir">\n {2}<id value="[\w-]+"\/>\n {2}<meta>\n {4}<lastUpdated /,
    );
  });

  it("links each requirement to its section of the installed docs/contract.md", () => {
    const failed = report.testResults().find((result) => result.name.includes("instance history"));
    const contract = pathToFileURL(join(PROJECT_ROOT, "docs", "contract.md")).href;
    expect(failed?.links).toEqual([
      {
        name: "ndop-history-01 (contract section 5)",
        url: `${contract}#section-5`,
        type: "requirement",
      },
      {
        name: "ndop-history-04 (contract section 5)",
        url: `${contract}#section-5`,
        type: "requirement",
      },
    ]);
    expect(readFileSync(join(PROJECT_ROOT, "docs", "contract.md"), "utf8")).toContain(
      '<a id="section-5"></a>',
    );
  });

  it("names the tool's version in the Allure environment", () => {
    const environment = report.json<{ name: string; values: string[] }[]>(
      "widgets/allure_environment.json",
    );
    const tool = environment.find((entry) => entry.name === "tool")?.values[0];
    expect(tool).toMatch(/^0\.1\.0( \([0-9a-f]{12}\))?$/);
  });

  function attachmentText(step: ReportStep | undefined, name: string): string {
    const link = step?.steps?.find((child) => child.link?.name === name)?.link;
    if (!link) throw new Error(`no ${name} attachment`);
    return report.attachment(link);
  }
});

/** The counts of junit.xml, summed over its test suites. */
function junitCounts(reports: string): Record<"tests" | "failures" | "errors" | "skipped", number> {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const xml = readFileSync(join(reports, "junit.xml"), "utf8");
  for (const suite of xml.matchAll(/<testsuite [^>]*>/g))
    for (const key of Object.keys(counts) as (keyof typeof counts)[])
      counts[key] += Number(new RegExp(` ${key}="(\\d+)"`).exec(suite[0])?.[1] ?? Number.NaN);
  return counts;
}

interface TreeWidget {
  root: { groups: string[] };
  groupsById: Record<string, { name: string; groups?: string[] }>;
}

interface CategoriesWidget {
  roots: string[];
  nodes: Record<string, { name: string; statistic: { total: number } }>;
}
