import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSuiteFixtures, suiteNames } from "../fixtures/index.js";
import { readRequirements } from "../report/index.js";
import { FAULTS, type FaultName } from "../sandbox/index.js";
import { runBuiltCliAsync } from "../testing/index.js";
import { FIXTURES_DIR, PROJECT_ROOT } from "./preflight.js";

const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const REQUIREMENTS = readRequirements(join(PROJECT_ROOT, "suites", "requirements.csv"));
const levelOf = (key: string) => REQUIREMENTS.find((requirement) => requirement.key === key)?.level;
const FIXTURES = suiteNames(FIXTURES_DIR).flatMap((suite) =>
  loadSuiteFixtures(FIXTURES_DIR, suite),
);

/**
 * The suites holding a fixture that cites the requirement: a fault must be caught by one of
 * those, so only they run (the whole suite per fault mode takes minutes more on a shared machine).
 */
function suitesCiting(requirement: string): string {
  const suites = FIXTURES.filter((loaded) => loaded.fixture.requirements.includes(requirement)).map(
    (loaded) => loaded.id.split("/")[0],
  );
  return [...new Set([...(PRECONDITION_SUITES[requirement] ?? []), ...suites])].join(",");
}

/**
 * Suites a focused run needs before the citing ones, because the fault only shows under a
 * precondition they make: a patient history can only list someone else's Consent once another
 * patient has one (on Int and Dep other teams' patients always do; in a fresh sandbox, the create
 * suite makes them).
 */
const PRECONDITION_SUITES: Partial<Record<string, string[]>> = {
  "ndop-history-05": ["create"],
};

/**
 * The words the failure of the first fault modes must use, beyond citing the requirement (the
 * fault modes added for the field facts of section 7 are named by their negative fixture).
 */
const NAMED: Partial<Record<FaultName, RegExp>> = {
  "create-returns-200": /create\/201-new-patient.*expected HTTP 201, got 200/,
  "create-without-location": /Location \(missing\) does not name a version/,
  "create-without-etag": /ETag \(missing\) is not W\/"\[vid\]"/,
  "location-without-version": /Location \S+ does not name a version/,
  "accept-client-id": /405-create-with-id.*expected HTTP 405, got 201/,
  "accept-duplicate": /422-duplicate.*expected HTTP 422, got 201/,
  "accept-invalid-nhs-number": /422-invalid-nhs-number.*expected HTTP 422, got 201/,
  "accept-consenter-and-proxy": /422-consenter-and-proxy.*expected HTTP 422, got 201/,
  "accept-any-status": /422-status-proposed.*expected HTTP 422, got 201/,
  "accept-date-without-time": /422-date-without-time.*expected HTTP 422, got 201/,
  "accept-wrong-purpose": /422-purpose-https-system.*expected HTTP 422, got 201/,
  "update-unknown-creates": /update-unknown-id.*expected HTTP 404, got 201/,
  "update-ignores-id-mismatch": /400-update-id-mismatch.*expected HTTP 400, got 200/,
  "update-ignores-if-match":
    /WARNING update\/412-stale-if-match.*\(SHOULD\).*expected HTTP 412, got 200/,
  "update-reuses-version-id": /kept version id|bdl-7/,
  "update-changes-id": /not the URL's id .* \(ids are immutable\)/,
  "history-drops-version":
    /history lists versions .* one entry per version, newest first|lacks version/,
  "history-oldest-first": /newest first/,
  "history-wrong-bundle-type": /the Bundle's type is searchset, not history/,
  "history-404-when-empty": /history.*answered HTTP 404|expected HTTP 200, got 404/,
  "vread-returns-current": /vread answered version \S+, not /,
  "json-when-xml-asked":
    /Content-Type application\/fhir\+json does not follow the request: xml was asked for/,
  "ignores-format-parameter":
    /format-json-overrides-accept.*does not follow the request: json was asked for/,
  "content-type-plain-json":
    /Content-Type application\/json is not one of the four FHIR media types/,
  "outcome-without-coding":
    /not valid against Spine-OperationOutcome-1: OperationOutcome\.issue\[0\]\.details/,
  "outcome-wrong-code-system":
    /not valid against Spine-OperationOutcome-1: OperationOutcome\.issue\[0\]\.details.*operation-outcome/,
  "errors-as-500": /got 500/,
  "consent-without-profile": /Consent\.meta\.profile: An NDOP Consent must declare meta\.profile/,
  "consent-without-last-updated": /lacks meta\.lastUpdated/,
  "metadata-wrong-fhir-version": /fhirVersion 4\.0\.1, not 3\.0\.1/,
  "metadata-update-create": /lacks updateCreate false/,
  "metadata-omits-interactions":
    /lacks the mandatory interaction\(s\) create, update, vread, history-instance, history-type/,
  "skip-security-checks": /security\/.*expected HTTP 400, got 200/,
  "xml-without-namespace": /not in the FHIR namespace/,
};

interface CheckEntry {
  checkId: string;
  requirements: string[];
  failure?: string;
  warnings?: string[];
}

interface FaultOutcome {
  status: number | null;
  /** Failed (or, for a SHOULD, warned) checks, as `checkId {requirements}: what broke`. */
  caught: string[];
  /** Whether one of them cites the requirement the fault breaks. */
  cites: boolean;
}

/** One run of the whole suite against the embedded sandbox with one fault mode on. */
async function runWithFault(fault: FaultName): Promise<FaultOutcome> {
  const reports = temporary("ndop-fault-");
  const run = await runBuiltCliAsync(["run", "--reports-dir", reports], {
    NDOP_SANDBOX_FAULTS: fault,
    NDOP_SUITES: suitesCiting(FAULTS[fault].requirement),
  });
  const summaryFile = join(reports, "summary.json");
  if (!existsSync(summaryFile))
    return { status: run.status, caught: [`no summary: ${run.stderr.trim()}`], cites: false };
  const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as {
    failures: CheckEntry[];
    warnings: CheckEntry[];
  };
  const { requirement } = FAULTS[fault];
  const entries = levelOf(requirement) === "SHOULD" ? summary.warnings : summary.failures;
  return {
    status: run.status,
    caught: entries.map(
      (entry) =>
        `${entry.checkId} {${entry.requirements.join(",")}}: ${[entry.failure ?? "", ...(entry.warnings ?? [])].join(" / ")} ${run.stdout.split("\n").find((line) => line.includes(entry.checkId)) ?? ""}`,
    ),
    cites: entries.some((entry) => entry.requirements.includes(requirement)),
  };
}

describe("every sandbox fault mode is caught by a check citing the requirement it breaks: SHALLs fail, SHOULDs warn", () => {
  const faults = Object.keys(FAULTS) as FaultName[];
  it("names a requirement of suites/requirements.csv for every fault mode", () => {
    expect(faults.filter((fault) => levelOf(FAULTS[fault].requirement) === undefined)).toEqual([]);
  });

  it("kills all of them", async () => {
    const outcomes = new Map<FaultName, FaultOutcome>();
    const queue = [...faults];
    const worker = async () => {
      for (let fault = queue.shift(); fault !== undefined; fault = queue.shift())
        outcomes.set(fault, await runWithFault(fault));
    };
    // Runs are independent processes, each with its own embedded sandbox: a small pool.
    await Promise.all([worker(), worker(), worker()]);
    const expectedStatus = (fault: FaultName) =>
      levelOf(FAULTS[fault].requirement) === "SHOULD" ? 0 : 1;
    const survivors = faults.filter(
      (fault) =>
        outcomes.get(fault)?.status !== expectedStatus(fault) || !outcomes.get(fault)?.cites,
    );
    expect(
      survivors.map(
        (fault) =>
          `${fault} (breaks ${FAULTS[fault].requirement}): exit ${outcomes.get(fault)?.status}, ${outcomes.get(fault)?.caught[0] ?? "nothing failed"}`,
      ),
      "fault modes not caught by a failing check (a warning for a SHOULD) that cites the requirement they break",
    ).toEqual([]);
    const unnamed = faults.filter((fault) => {
      const words = NAMED[fault];
      return words !== undefined && !outcomes.get(fault)?.caught.some((line) => words.test(line));
    });
    expect(
      unnamed.map((fault) => `${fault}: ${outcomes.get(fault)?.caught[0] ?? "no failure"}`),
      "failures that do not name the broken behaviour",
    ).toEqual([]);
  }, 900_000);
});
