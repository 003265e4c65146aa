import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRequirements } from "../report/index.js";
import { FAULTS, type FaultName } from "../sandbox/index.js";
import { runBuiltCliAsync } from "../testing/index.js";
import { PROJECT_ROOT } from "./preflight.js";

const REQUIREMENTS = readRequirements(join(PROJECT_ROOT, "suites", "requirements.csv"));
const levelOf = (key: string) => REQUIREMENTS.find((requirement) => requirement.key === key)?.level;

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
  "update-ignores-if-match": /update\/412-stale-if-match.*SHOULD.*expected HTTP 412, got 200/,
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

interface FaultEntry {
  fault: FaultName;
  requirement: string;
  level: string;
  verdict: string;
  evidence: string;
  failures: { checkId: string; failure?: string }[];
  warnings: { checkId: string; warnings: string[] }[];
}

/** What broke in one fault mode's run, a line per failing or warning check, as `run` shows it. */
function brokenLines(entry: FaultEntry): string[] {
  return [
    ...entry.failures.map(
      (each) => `${each.checkId}: ${(each.failure ?? "").replace(/\n/g, " / ")}`,
    ),
    ...entry.warnings.map((each) => `${each.checkId}: ${each.warnings.join(" / ")}`),
  ];
}

describe("every sandbox fault mode is caught by a check citing the requirement it breaks: SHALLs fail, SHOULDs warn", () => {
  const faults = Object.keys(FAULTS) as FaultName[];
  it("names a requirement of suites/requirements.csv for every fault mode", () => {
    expect(faults.filter((fault) => levelOf(FAULTS[fault].requirement) === undefined)).toEqual([]);
  });

  it("kills all of them (ndop-conformance faults, every fault mode in one process)", async () => {
    const run = await runBuiltCliAsync(["faults", "--json"], {}, { timeoutMs: 900_000 });
    expect(run.stderr).toBe("");
    const entries = (JSON.parse(run.stdout) as { faults: FaultEntry[] }).faults;
    expect(entries.map((entry) => entry.fault)).toEqual(faults);
    expect(
      entries
        .filter((entry) => entry.verdict !== "caught")
        .map(
          (entry) =>
            `${entry.fault} (breaks ${entry.requirement}): ${entry.verdict}, ${entry.evidence}`,
        ),
      "fault modes not caught by a failing check (a warning for a SHOULD) that cites the requirement they break",
    ).toEqual([]);
    expect(entries.map((entry) => entry.level)).toEqual(
      faults.map((fault) => (levelOf(FAULTS[fault].requirement) === "SHOULD" ? "SHOULD" : "SHALL")),
    );
    const unnamed = entries.filter((entry) => {
      const words = NAMED[entry.fault];
      return words !== undefined && !brokenLines(entry).some((line) => words.test(line));
    });
    expect(
      unnamed.map((entry) => `${entry.fault}: ${brokenLines(entry)[0] ?? "no failure"}`),
      "failures that do not name the broken behaviour",
    ).toEqual([]);
    expect(run.status).toBe(0);
  }, 900_000);
});
