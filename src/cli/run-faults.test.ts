import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAULTS, type FaultName } from "../sandbox/index.js";
import { runBuiltCliAsync } from "../testing/index.js";

const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** What each fault mode breaks, as the failures must name it. */
const NAMED: Record<FaultName, RegExp> = {
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

/**
 * Faults that break only a SHOULD (or an optional capability the sandbox does not declare): the
 * run warns and exits 0 (`--strict` makes it 1, run-verdict.test.ts).
 */
const WARNS: ReadonlySet<FaultName> = new Set(["update-ignores-if-match"]);

describe("every sandbox fault mode is caught, naming the broken behaviour: SHALLs fail, SHOULDs warn", () => {
  const faults = Object.keys(FAULTS) as FaultName[];
  it("has a named expectation for every fault mode", () => {
    expect(Object.keys(NAMED).sort()).toEqual([...faults].sort());
  });

  it("kills all of them", async () => {
    const outcomes = new Map<FaultName, { status: number | null; failures: string[] }>();
    const queue = [...faults];
    const worker = async () => {
      for (let fault = queue.shift(); fault !== undefined; fault = queue.shift()) {
        const run = await runBuiltCliAsync(["run", "--reports-dir", temporary("ndop-fault-")], {
          NDOP_SANDBOX_FAULTS: fault,
        });
        outcomes.set(fault, {
          status: run.status,
          failures: run.stdout
            .split("\n")
            .filter((line) => line.includes("FAILED ") || line.includes("WARNING ")),
        });
      }
    };
    await Promise.all([worker(), worker()]);
    const survivors = faults.filter(
      (fault) => outcomes.get(fault)?.status !== (WARNS.has(fault) ? 0 : 1),
    );
    expect(
      survivors,
      "fault modes the run did not catch (exit code other than 1, or 0 for a SHOULD)",
    ).toEqual([]);
    const unnamed = faults.filter(
      (fault) => !outcomes.get(fault)?.failures.some((line) => NAMED[fault].test(line)),
    );
    expect(
      unnamed.map((fault) => `${fault}: ${outcomes.get(fault)?.failures[0] ?? "no failure"}`),
      "failures that do not name the broken behaviour",
    ).toEqual([]);
  }, 600_000);
});
