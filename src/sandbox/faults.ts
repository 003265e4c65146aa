import { ConformanceError } from "../errors/index.js";

/**
 * Realistic ways an NDOP server can break the contract. Each is switched on by name; they exist
 * so the suite's own tests can show that every one of them is caught.
 */
export const FAULTS = {
  "create-returns-200": "create answers 200 OK instead of 201 Created",
  "create-without-location": "create answers without a Location header",
  "create-without-etag": "create answers without an ETag header",
  "location-without-version": "Location points at the Consent, not at /_history/<vid>",
  "accept-client-id": "create accepts a Consent that carries an id, and keeps it",
  "accept-duplicate": "create accepts a second Consent for the same patient, policy and purpose",
  "accept-invalid-nhs-number": "accepts NHS numbers whose Modulus 11 check digit is wrong",
  "accept-consenter-and-proxy": "accepts a Consent with both a consentingParty and a proxy",
  "accept-any-status": "accepts FHIR statuses other than active and inactive",
  "accept-date-without-time": "accepts a dateTime with no time or no timezone",
  "accept-wrong-purpose": "accepts a purpose coded other than SNOMED 370856009",
  "update-unknown-creates":
    "PUT to an unknown id creates the Consent (updateCreate) instead of 404",
  "update-ignores-id-mismatch": "update accepts a body whose id differs from the URL",
  "update-ignores-if-match": "update ignores a stale If-Match (lost update) instead of 412",
  "update-reuses-version-id": "update keeps the previous versionId instead of assigning a new one",
  "update-changes-id": "update stores the new version under a new id",
  "history-drops-version": "instance and patient history leave out the oldest version",
  "history-oldest-first": "history lists versions oldest first",
  "history-wrong-bundle-type": "history answers with a searchset Bundle",
  "history-404-when-empty":
    "patient history of a patient with no Consent answers 404 instead of an empty Bundle",
  "vread-returns-current": "vread of an old version answers with the current version",
  "json-when-xml-asked": "answers JSON whatever the Accept header or _format asks for",
  "ignores-format-parameter": "ignores _format and follows Accept only",
  "content-type-plain-json":
    "answers with Content-Type application/json instead of a FHIR media type",
  "outcome-without-coding": "error OperationOutcomes carry no details.coding",
  "outcome-wrong-code-system":
    "error OperationOutcomes code details in the FHIR system, not Spine's",
  "errors-as-500": "every error is answered 500",
  "consent-without-profile": "returned Consents carry no meta.profile",
  "consent-without-last-updated": "returned Consents carry no meta.lastUpdated",
  "metadata-wrong-fhir-version": "the CapabilityStatement claims fhirVersion 4.0.1",
  "metadata-update-create": "the CapabilityStatement claims updateCreate true",
  "metadata-omits-interactions":
    "the CapabilityStatement declares none of the mandatory Consent interactions (only search-type)",
  "skip-security-checks": "requests without a JWT or Ssp-* headers are served",
  "xml-without-namespace": "XML answers are not in the FHIR namespace",
} as const;

export type FaultName = keyof typeof FAULTS;

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}

export function parseFaults(names: readonly string[]): FaultName[] {
  const unknown = names.filter((name) => !isFaultName(name));
  if (unknown.length > 0) {
    throw new ConformanceError(
      "USAGE",
      `Unknown fault mode ${unknown.map((name) => `"${name}"`).join(", ")}; --list-faults shows them.`,
      {
        unknown,
      },
    );
  }
  return names as FaultName[];
}

export function listFaults(): string {
  const width = Math.max(...Object.keys(FAULTS).map((name) => name.length));
  return Object.entries(FAULTS)
    .map(([name, description]) => `${name.padEnd(width)}  ${description}`)
    .join("\n");
}
