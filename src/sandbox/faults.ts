import { ConformanceError } from "../errors/index.js";

/** One fault mode: what it breaks, and the key (suites/requirements.csv) of the requirement it breaks. */
export interface FaultMode {
  requirement: string;
  breaks: string;
}

/**
 * Realistic ways an NDOP server can break the contract: the one catalogue of fault modes. Each is
 * switched on by name and breaks exactly one requirement, so the suite's own tests can show that
 * every one is caught by a check citing that requirement (src/cli/run-faults.test.ts), and
 * `coverage` can list each SHALL's fault modes.
 */
export const FAULTS = {
  "create-returns-200": {
    requirement: "ndop-create-01",
    breaks: "create answers 200 OK instead of 201 Created",
  },
  "create-without-location": {
    requirement: "ndop-create-01",
    breaks: "create answers without a Location header",
  },
  "create-without-etag": {
    requirement: "ndop-create-01",
    breaks: "create answers without an ETag header",
  },
  "location-without-version": {
    requirement: "ndop-create-01",
    breaks: "Location points at the Consent, not at /_history/<vid>",
  },
  "accept-client-id": {
    requirement: "ndop-create-04",
    breaks: "create accepts a Consent that carries an id, and keeps it",
  },
  "accept-duplicate": {
    requirement: "ndop-create-05",
    breaks: "create accepts a second Consent for the same patient, policy and purpose",
  },
  "accept-invalid-nhs-number": {
    requirement: "ndop-rule-02",
    breaks: "accepts a patient reference whose NHS number has a wrong Modulus 11 check digit",
  },
  "accept-consenter-and-proxy": {
    requirement: "ndop-rule-01",
    breaks: "accepts a Consent with both a consentingParty and a proxy",
  },
  "accept-any-status": {
    requirement: "ndop-rule-04",
    breaks: "accepts FHIR statuses other than active and inactive",
  },
  "accept-date-without-time": {
    requirement: "ndop-rule-05",
    breaks: "accepts a dateTime with no time or no timezone",
  },
  "accept-wrong-purpose": {
    requirement: "ndop-rule-06",
    breaks: "accepts a purpose coded other than SNOMED 370856009",
  },
  "update-unknown-creates": {
    requirement: "ndop-update-03",
    breaks: "PUT to an unknown id creates the Consent (updateCreate) instead of 404",
  },
  "update-ignores-id-mismatch": {
    requirement: "ndop-update-04",
    breaks: "update accepts a body whose id differs from the URL",
  },
  "update-ignores-if-match": {
    requirement: "ndop-update-05",
    breaks: "update ignores a stale If-Match (lost update) instead of 412",
  },
  "update-reuses-version-id": {
    requirement: "ndop-history-04",
    breaks: "update keeps the previous versionId instead of assigning a new one",
  },
  "update-changes-id": {
    requirement: "ndop-update-02",
    breaks: "update stores the new version under a new id",
  },
  "history-drops-version": {
    requirement: "ndop-history-01",
    breaks: "instance and patient history leave out the oldest version",
  },
  "history-oldest-first": {
    requirement: "ndop-history-01",
    breaks: "history lists versions oldest first",
  },
  "history-wrong-bundle-type": {
    requirement: "ndop-history-01",
    breaks: "history answers with a searchset Bundle",
  },
  "history-404-when-empty": {
    requirement: "ndop-history-03",
    breaks: "patient history of a patient with no Consent answers 404 instead of an empty Bundle",
  },
  "vread-returns-current": {
    requirement: "ndop-vread-01",
    breaks: "vread of an old version answers with the current version",
  },
  "json-when-xml-asked": {
    requirement: "ndop-format-03",
    breaks: "answers JSON whatever the Accept header or _format asks for",
  },
  "ignores-format-parameter": {
    requirement: "ndop-format-02",
    breaks: "ignores _format and follows Accept only",
  },
  "content-type-plain-json": {
    requirement: "ndop-format-01",
    breaks: "answers with Content-Type application/json instead of a FHIR media type",
  },
  "outcome-without-coding": {
    requirement: "ndop-error-01",
    breaks: "error OperationOutcomes carry no details.coding",
  },
  "outcome-wrong-code-system": {
    requirement: "ndop-error-01",
    breaks: "error OperationOutcomes code details in the FHIR system, not Spine's",
  },
  "errors-as-500": { requirement: "ndop-error-03", breaks: "every error is answered 500" },
  "consent-without-profile": {
    requirement: "ndop-create-02",
    breaks: "returned Consents carry no meta.profile",
  },
  "consent-without-last-updated": {
    requirement: "ndop-create-02",
    breaks: "returned Consents carry no meta.lastUpdated",
  },
  "metadata-wrong-fhir-version": {
    requirement: "ndop-meta-01",
    breaks: "the CapabilityStatement claims fhirVersion 4.0.1",
  },
  "metadata-update-create": {
    requirement: "ndop-meta-01",
    breaks: "the CapabilityStatement claims updateCreate true",
  },
  "metadata-omits-interactions": {
    requirement: "ndop-meta-01",
    breaks:
      "the CapabilityStatement declares none of the mandatory Consent interactions (only search-type)",
  },
  "skip-security-checks": {
    requirement: "ndop-security-01",
    breaks: "requests without a JWT or Ssp-* headers are served (also breaks ndop-security-02)",
  },
  "xml-without-namespace": {
    requirement: "ndop-format-01",
    breaks: "XML answers are not in the FHIR namespace",
  },
  "accept-invalid-consenter-nhs-number": {
    requirement: "ndop-rule-02",
    breaks: "accepts a consentingParty whose NHS number has a wrong check digit",
  },
  "accept-any-custodian": {
    requirement: "ndop-rule-03",
    breaks: "accepts an organization other than X26",
  },
  "accept-other-meta-profile": {
    requirement: "ndop-field-01",
    breaks: "accepts a Consent declaring a meta.profile other than NDOP-Consent-1",
  },
  "accept-missing-optout-source": {
    requirement: "ndop-field-02",
    breaks: "accepts a Consent without the optOutSource extension",
  },
  "accept-unknown-optout-source": {
    requirement: "ndop-field-03",
    breaks: "accepts an optOutSource coding outside NDOP-OptOutSource-1",
  },
  "accept-loose-optout-source": {
    requirement: "ndop-field-04",
    breaks:
      "accepts an optOutSource coding without display, with a version or text, or two codings",
  },
  "accept-proxy-without-valid-role": {
    requirement: "ndop-field-05",
    breaks: "accepts a proxy extension without a role, or with a role outside NDOP-ProxyRole-1",
  },
  "accept-proxy-value": {
    requirement: "ndop-field-06",
    breaks: "accepts a proxy extension with a value of its own",
  },
  "accept-loose-identifier": {
    requirement: "ndop-field-07",
    breaks: "accepts an identifier without system or value, or with use/type/period/assigner",
  },
  "accept-missing-status": {
    requirement: "ndop-field-08",
    breaks: "accepts a Consent without status",
  },
  "accept-many-categories": {
    requirement: "ndop-field-09",
    breaks: "accepts more than one category, or a category with more than one coding",
  },
  "accept-non-pds-patient": {
    requirement: "ndop-field-10",
    breaks: "accepts a patient reference that is not a PDS Patient URL",
  },
  "accept-patient-display": {
    requirement: "ndop-field-11",
    breaks: "accepts a patient reference with an identifier or a display",
  },
  "accept-forbidden-elements": {
    requirement: "ndop-field-12",
    breaks: "accepts the elements NDOP-Consent-1 forbids (period, actor, action, ...)",
  },
  "accept-missing-datetime": {
    requirement: "ndop-field-13",
    breaks: "accepts a Consent without dateTime",
  },
  "accept-many-consenting-parties": {
    requirement: "ndop-field-14",
    breaks: "accepts more than one consentingParty",
  },
  "accept-loose-organization": {
    requirement: "ndop-field-15",
    breaks: "accepts no organization, two, or one with identifier or display",
  },
  "accept-loose-policy": {
    requirement: "ndop-field-16",
    breaks: "accepts no policy, two, or one without uri",
  },
  "accept-loose-purpose": {
    requirement: "ndop-field-17",
    breaks: "accepts no purpose, two, or a purpose with version or userSelected",
  },
  "skip-jwt-check": {
    requirement: "ndop-security-01",
    breaks: "requests without a valid JWT are served (the Ssp-* headers are still checked)",
  },
  "skip-ssp-header-checks": {
    requirement: "ndop-security-02",
    breaks: "requests without the Ssp-* headers are served (the JWT is still checked)",
  },
  "refuse-proxy": {
    requirement: "ndop-create-06",
    breaks: "refuses a Consent set by a proxy (422), as if consentingParty were required",
  },
  "update-returns-201": {
    requirement: "ndop-update-01",
    breaks: "update answers 201 Created instead of 200 OK",
  },
  "patient-history-current-only": {
    requirement: "ndop-history-02",
    breaks: "patient history lists only the current version of each Consent",
  },
  "patient-history-ignores-patient": {
    requirement: "ndop-history-05",
    breaks:
      "patient history of a patient with a Consent lists every patient's Consents, not only theirs",
  },
  "unreadable-body-as-422": {
    requirement: "ndop-error-02",
    breaks: "a body that cannot be parsed is answered 422 INVALID_RESOURCE instead of 400",
  },
  "history-unknown-id-empty": {
    requirement: "ndop-error-04",
    breaks: "instance history of an unknown id answers 200 with an empty Bundle instead of 404",
  },
  "history-ignores-unknown-parameters": {
    requirement: "ndop-error-05",
    breaks: "history ignores parameters it does not support instead of 400 INVALID_PARAMETER",
  },
  "store-drops-nic": {
    requirement: "ndop-store-01",
    breaks: "the proxy's NIC sub-extension is dropped: not stored, so not read back",
  },
} as const satisfies Record<string, FaultMode>;

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

/** The fault modes that break a requirement, by its key. */
export function faultsBreaking(requirement: string): FaultName[] {
  return (Object.keys(FAULTS) as FaultName[]).filter(
    (name) => FAULTS[name].requirement === requirement,
  );
}

/** The catalogue as one listable table: name, the requirement it breaks, what it breaks. */
export function listFaults(): string {
  const width = Math.max(...Object.keys(FAULTS).map((name) => name.length));
  const keyWidth = Math.max(...Object.values(FAULTS).map((fault) => fault.requirement.length));
  return Object.entries(FAULTS)
    .map(
      ([name, fault]) =>
        `${name.padEnd(width)}  ${fault.requirement.padEnd(keyWidth)}  ${fault.breaks}`,
    )
    .join("\n");
}
