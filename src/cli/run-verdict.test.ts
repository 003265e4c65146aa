import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CliRun,
  type RewritingProxy,
  runBuiltCli,
  runBuiltCliAsync,
  type SandboxProcess,
  spawnSandbox,
  startRewritingProxy,
} from "../testing/index.js";

const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const linesStarting = (run: CliRun, word: string) =>
  run.stdout.split("\n").filter((line) => line.startsWith(`  ${word} `));
const countsLine = (run: CliRun) =>
  run.stdout.split("\n").find((line) => /^\d+ passed, \d+ warnings?, /.test(line));

function runWithFaults(faults: string, ...args: string[]): { run: CliRun; reports: string } {
  const reports = temporary("ndop-verdict-");
  const run = runBuiltCli(["run", "--reports-dir", reports, ...args], {
    NDOP_SANDBOX_FAULTS: faults,
  });
  return { run, reports };
}

/** The clean baseline the regression gate compares with, recorded once, on first use. */
const baseline = join(temporary("ndop-baseline-"), "baseline.json");
let recorded: CliRun | undefined;
function recordedBaseline(): CliRun {
  recorded ??= runBuiltCli([
    "baseline",
    "--out",
    baseline,
    "--reports-dir",
    temporary("ndop-verdict-"),
  ]);
  return recorded;
}

/**
 * A full run against the sandbox with `faults`, gated by the clean baseline, made once and read
 * by every test that judges it: the verdict, its reports and its gate are one run's outputs, and
 * each full run costs about 2.5 CPU-s of npm test.
 */
const gatedRuns = new Map<string, { run: CliRun; reports: string }>();
function gatedRunWithFaults(faults: string, ...args: string[]): { run: CliRun; reports: string } {
  const key = [faults, ...args].join(" ");
  let found = gatedRuns.get(key);
  if (found === undefined) {
    const base = recordedBaseline();
    expect(base.status, `the baseline: ${base.stdout}${base.stderr}`).toBe(0);
    found = runWithFaults(faults, "--baseline", baseline, ...args);
    gatedRuns.set(key, found);
  }
  return found;
}

function summaryOf(reports: string) {
  return JSON.parse(readFileSync(join(reports, "summary.json"), "utf8"));
}

function allureResults(reports: string): { name: string; status: string; labels: object[] }[] {
  const folder = join(reports, "allure-results");
  return readdirSync(folder)
    .filter((file) => file.endsWith("-result.json"))
    .map((file) => JSON.parse(readFileSync(join(folder, file), "utf8")));
}

const labelled = (name: string, value: string) => (result: { labels: object[] }) =>
  result.labels.some((label) => JSON.stringify(label) === JSON.stringify({ name, value }));

/** JUnit's per-file `skipped` attributes, summed (the root element carries none). */
function junitSkipped(reports: string): number {
  const junit = readFileSync(join(reports, "junit.xml"), "utf8");
  return [...junit.matchAll(/<testsuite [^>]*skipped="(\d+)"/g)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

describe("a broken SHOULD warns: a server that ignores If-Match under versioning versioned", () => {
  it("exits 0 with the warnings on the terminal, in the summary, in JUnit (green) and in Allure", () => {
    const { run, reports } = gatedRunWithFaults("update-ignores-if-match");
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(countsLine(run)).toBe("182 passed, 2 warnings, 0 failed, 0 blocked, 0 skipped");
    expect(linesStarting(run, "WARNING")).toEqual(
      ["json", "xml"].map(
        (format) =>
          `  WARNING update/412-stale-if-match [${format}] (SHOULD): SHOULD: update again from the superseded version: expected HTTP 412, got 200`,
      ),
    );
    expect(linesStarting(run, "FAILED")).toEqual([]);
    const summary = summaryOf(reports);
    expect(summary.counts).toEqual({
      passed: 182,
      warning: 2,
      failed: 0,
      blocked: 0,
      skipped: 0,
      total: 184,
    });
    expect(summary.warnings.map((warning: { level: string }) => warning.level)).toEqual([
      "SHOULD",
      "SHOULD",
    ]);
    expect(readFileSync(join(reports, "summary.md"), "utf8")).toContain(
      "## Warnings (do not fail the run unless --strict)",
    );
    const junit = readFileSync(join(reports, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites [^>]*tests="184" failures="0"/);
    expect(junit.match(/<property name="warning" value="SHOULD: update again/g)).toHaveLength(2);
    const warned = allureResults(reports).filter(labelled("outcome", "warning"));
    expect(warned.map((result) => result.status)).toEqual(["passed", "passed"]);
    expect(warned.every(labelled("level", "SHOULD"))).toBe(true);
    // Allure writes results in the order tests finish; the set is what matters.
    expect(warned.map((result) => result.name).sort()).toEqual(
      ["json", "xml"].map(
        (format) =>
          `WARNING (SHOULD) refuses an update whose If-Match names a superseded version: 412, and no version is made [${format}] {ndop-update-05}`,
      ),
    );
  });

  it("with --strict, the warnings are failures and the run exits 1", () => {
    const { run, reports } = gatedRunWithFaults("update-ignores-if-match", "--strict");
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(countsLine(run)).toBe("182 passed, 0 warnings, 2 failed, 0 blocked, 0 skipped");
    expect(linesStarting(run, "FAILED")).toHaveLength(2);
    expect(linesStarting(run, "FAILED")[0]).toMatch(
      /412-stale-if-match \[json\]: SHOULD: .*expected HTTP 412, got 200 \(a warning, failing under --strict\) \(new failure\)$/,
    );
    expect(summaryOf(reports).strict).toBe(true);
    expect(readFileSync(join(reports, "junit.xml"), "utf8")).toMatch(
      /<testsuites [^>]*tests="184" failures="2"/,
    );
  });
});

describe("one fault shows once: a patient history that cannot be read blocks the checks that need a patient", () => {
  it("fails the patient history checks, reports the rest blocked naming that fault, and counts agree", () => {
    const { run, reports } = gatedRunWithFaults("history-404-when-empty");
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(countsLine(run)).toBe("16 passed, 0 warnings, 8 failed, 160 blocked, 0 skipped");
    const blocked = linesStarting(run, "BLOCKED");
    expect(blocked).toHaveLength(160);
    for (const line of blocked)
      expect(line).toMatch(
        /: choosing a test patient: the patient history of \d{10} answered HTTP 404, .*; the patient history checks report that fault$/,
      );
    // The fault is reported by the checks that read a patient history, and only there.
    const failedFixtures = new Set(
      linesStarting(run, "FAILED").map((line) => line.split(" ")[3]?.split("/")[0]),
    );
    expect([...failedFixtures].sort()).toEqual(["errors", "history"]);
    const summary = summaryOf(reports);
    expect(summary.blocked).toHaveLength(160);
    expect(junitSkipped(reports)).toBe(summary.counts.blocked + summary.counts.skipped);
    const junit = readFileSync(join(reports, "junit.xml"), "utf8");
    expect(junit.match(/<property name="blocked" value="choosing a test patient/g)).toHaveLength(
      160,
    );
    const inAllure = allureResults(reports).filter(labelled("outcome", "blocked"));
    expect(inAllure.map((result) => result.status)).toEqual(Array(160).fill("skipped"));
    expect(readFileSync(join(reports, "summary.md"), "utf8")).toContain("## Blocked");
  });
});

describe("mandatory interactions are never skipped for want of a declaration", () => {
  it("a CapabilityStatement that declares none of them fails the capability check, and six faults are still caught", () => {
    const faults = {
      "accept-duplicate": /FAILED errors\/422-duplicate.*expected HTTP 422, got 201/,
      "update-ignores-id-mismatch": /FAILED errors\/400-update-id-mismatch.*expected HTTP 400/,
      "history-oldest-first": /FAILED history\/200-instance.*newest first/,
      "accept-invalid-nhs-number":
        /FAILED errors\/422-invalid-nhs-number.*expected HTTP 422, got 201/,
      "vread-returns-current": /FAILED vread\/200-each-version.*vread answered version/,
      "update-changes-id": /FAILED update\/200-withdraw.*\(ids are immutable\)/,
    };
    const { run, reports } = runWithFaults(
      ["metadata-omits-interactions", ...Object.keys(faults)].join(","),
    );
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(summaryOf(reports).counts.skipped).toBe(0);
    expect(run.stdout).toMatch(
      /FAILED capability\/200-capability-statement \[json\]: .*lacks the mandatory interaction\(s\) create, update, vread, history-instance, history-type/,
    );
    const uncaught = Object.entries(faults).filter(([, named]) => !named.test(run.stdout));
    expect(uncaught.map(([fault]) => fault)).toEqual([]);
  });
});

describe("validator warnings are warnings", () => {
  const started: { sandbox?: SandboxProcess; proxy?: RewritingProxy } = {};
  afterAll(async () => {
    await started.proxy?.close();
    started.sandbox?.child.kill("SIGKILL");
  });

  /**
   * A server whose CapabilityStatement claims a profile the validator does not know: the
   * validator warns (profile-unknown). A known defect of the specification (e.g. STU3 bdl-4 and
   * entry.response in history) comes back from the validator the same way, as a named warning.
   */
  it("names the warning and exits 0; --strict makes it a failure", async () => {
    started.sandbox = await spawnSandbox([]);
    started.proxy = await startRewritingProxy(started.sandbox.baseUrl, (path, body) =>
      path.includes("/metadata")
        ? JSON.stringify({ ...JSON.parse(body), meta: { profile: ["https://example.org/Other"] } })
        : body,
    );
    const args = ["--env", "custom", "--base-url", started.proxy.baseUrl, "--format", "json"];
    const options = ["--suite", "capability", "--reports-dir", temporary("ndop-verdict-")];
    const lenient = await runBuiltCliAsync(["run", ...args, ...options]);
    expect(lenient.status, lenient.stdout + lenient.stderr).toBe(0);
    expect(linesStarting(lenient, "WARNING")).toEqual([
      "  WARNING capability/200-capability-statement [json] (SHALL): step 1: GET /metadata: validator warning on the CapabilityStatement: CapabilityStatement.meta.profile: Profile https://example.org/Other is not in the loaded profile set; the resource was checked against the STU3 base only for it. [profile-unknown]",
    ]);
    const strict = await runBuiltCliAsync(["run", ...args, ...options, "--strict"]);
    expect(strict.status, strict.stdout + strict.stderr).toBe(1);
    expect(countsLine(strict)).toBe("0 passed, 0 warnings, 1 failed, 0 blocked, 0 skipped");
  });
});

describe("the regression gate knows the levels", () => {
  it("records a clean baseline", () => {
    const run = recordedBaseline();
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it("a new SHOULD warning is reported and passes the gate; under --strict it fails it", () => {
    const lenient = gatedRunWithFaults("update-ignores-if-match").run;
    expect(lenient.status, lenient.stdout).toBe(0);
    expect(lenient.stdout).toContain("Regression gate: passed (no new failures).");
    expect(lenient.stdout).toContain(
      "  new warning (passed in the baseline; fails only with --strict): update/412-stale-if-match [json]",
    );
    const strict = gatedRunWithFaults("update-ignores-if-match", "--strict").run;
    expect(strict.status, strict.stdout).toBe(1);
    expect(strict.stdout).toMatch(
      /^ {2}FAILED update\/412-stale-if-match \[xml\]: .+ \(new failure\)$/m,
    );
  });

  it("a check that passed and is now blocked fails the gate", () => {
    const { run } = gatedRunWithFaults("history-404-when-empty");
    expect(run.status, run.stdout).toBe(1);
    expect(run.stdout).toContain("Regression gate: FAILED, 8 new failure(s), 160 newly blocked.");
    expect(run.stdout).toContain(
      "  newly blocked (passed in the baseline): errors/422-duplicate [json]",
    );
  });
});
