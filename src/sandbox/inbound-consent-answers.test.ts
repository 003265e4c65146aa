import { describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  send,
  withProxy,
  withTestSandbox,
} from "../testing/index.js";

/**
 * A create whose Consent breaks one rule, over real HTTP: the exact answer (contract section 6,
 * row 4) for each kind of rule the validator reports first: status, issue type, Spine code and its
 * display, and diagnostics naming the element.
 */

const PROXY = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-NDOP-Proxy-1";

/** The valid Consent of a test patient with `change` made to a copy of it. */
function broken(change: (consent: JsonObject) => void): JsonObject {
  const consent = consentFor("9990000018");
  change(consent);
  return consent;
}

const firstCoding = (consent: JsonObject, element: string) =>
  (
    ((consent[element] as JsonObject[])[0] as JsonObject).valueCodeableConcept as {
      coding: JsonObject[];
    }
  ).coding[0] as JsonObject;

interface Case {
  rule: string;
  body: () => JsonObject;
  answer: [status: number, issueCode: string, spineCode: string, display: string];
  diagnostics: string;
}

const NHS_NUMBER = [422, "value", "INVALID_NHS_NUMBER", "Invalid NHS number"] as const;
const CONFLICT = [
  422,
  "invalid",
  "CONFLICTING_VALUES",
  "Conflicting values have been specified in different fields",
] as const;
const CODE_VALUE = [422, "value", "INVALID_CODE_VALUE", "Invalid code value"] as const;
const ELEMENT = [422, "structure", "INVALID_ELEMENT", "Invalid element"] as const;
const CONSTRAINT = [
  422,
  "invalid",
  "FHIR_CONSTRAINT_VIOLATION",
  "FHIR constraint violated",
] as const;
const STRUCTURE = [422, "structure", "INVALID_RESOURCE", "Invalid validation of resource"] as const;
const RESOURCE = [422, "invalid", "INVALID_RESOURCE", "Invalid validation of resource"] as const;
const FIELD_VALUE = [
  422,
  "value",
  "INVALID_VALUE",
  "An input field has an invalid value for its type",
] as const;
const CODE_SYSTEM = [422, "value", "INVALID_CODE_SYSTEM", "Invalid code system"] as const;

const CASES: Case[] = [
  {
    rule: "ndop-nhs-number",
    body: () => consentFor("6105551234"),
    answer: [...NHS_NUMBER],
    diagnostics:
      'Consent.patient.reference: "6105551234" in patient is not a valid NHS number (ten digits with a Modulus 11 check digit). (and 1 more: Consent.consentingParty[0].reference)',
  },
  {
    rule: "ndop-consenter-xor-proxy",
    body: () => withProxy(consentFor("9990000018")),
    answer: [...CONFLICT],
    diagnostics:
      "Consent.consentingParty: A Consent has either a consentingParty or a proxy extension, not both.",
  },
  {
    rule: "profile-binding",
    body: () =>
      broken((consent) => {
        firstCoding(consent, "extension").code = "ZZ";
      }),
    answer: [...CODE_VALUE],
    diagnostics:
      "Consent.extension[0].valueCodeableConcept: https://fhir.nhs.uk/STU3/CodeSystem/NDOP-OptOutSource-1|ZZ is not in the value set https://fhir.nhs.uk/STU3/ValueSet/NDOP-OptOutSource-1 (required binding of Extension-NDOP-OptOutSource-1).",
  },
  {
    rule: "base-binding",
    body: () => broken((consent) => Object.assign(consent, { status: "nonsense" })),
    answer: [...CODE_VALUE],
    diagnostics:
      'Consent.status: Code "nonsense" not found in value set (and 1 more: Consent.status)',
  },
  {
    rule: "profile-forbidden",
    body: () => broken((consent) => Object.assign(consent, { period: { start: "2020-01-01" } })),
    answer: [...ELEMENT],
    diagnostics: "Consent.period: Consent.period is not allowed by NDOP-Consent-1 (max 0).",
  },
  {
    rule: "base-unknown-element",
    body: () => broken((consent) => Object.assign(consent, { foo: 1 })),
    answer: [...ELEMENT],
    diagnostics: "Consent.foo: Unexpected property",
  },
  {
    rule: "inv-ext-1",
    body: () =>
      broken((consent) => {
        (consent.extension as JsonObject[]).push({ url: "https://example.org/e" });
      }),
    answer: [...CONSTRAINT],
    diagnostics: "Consent.extension[1]: Must have either extensions or value[x], not both (ext-1).",
  },
  {
    rule: "profile-min",
    body: () => broken((consent) => delete consent.dateTime),
    answer: [...STRUCTURE],
    diagnostics: "Consent.dateTime: Consent.dateTime is required by NDOP-Consent-1 but missing.",
  },
  {
    rule: "profile-max",
    body: () =>
      broken((consent) => {
        const [organization] = consent.organization as JsonObject[];
        consent.organization = [organization, organization];
      }),
    answer: [...STRUCTURE],
    diagnostics:
      "Consent.organization: Consent.organization occurs 2 times; NDOP-Consent-1 allows at most 1.",
  },
  {
    rule: "base-required",
    body: () => broken((consent) => delete consent.status),
    answer: [...STRUCTURE],
    diagnostics: "Consent.status: Missing property (and 1 more: Consent.status)",
  },
  {
    rule: "base-cardinality",
    body: () => broken((consent) => Object.assign(consent, { patient: [consent.patient] })),
    answer: [...STRUCTURE],
    diagnostics:
      "Consent.patient: patient does not repeat here, so it must not be a JSON array. (and 1 more: Consent.patient.0)",
  },
  {
    rule: "ndop-meta-profile",
    body: () =>
      broken((consent) => Object.assign(consent, { meta: { profile: ["https://example.org/x"] } })),
    answer: [...STRUCTURE],
    diagnostics: `Consent.meta.profile: An NDOP Consent must declare meta.profile https://fhir.nhs.uk/STU3/StructureDefinition/NDOP-Consent-1.`,
  },
  {
    rule: "profile-min at a proxy without a role (before ndop-proxy-role)",
    body: () =>
      broken((consent) => {
        delete consent.consentingParty;
        const nic = { url: "NIC", valueString: "N1" };
        (consent.extension as JsonObject[]).push({ url: PROXY, extension: [nic] });
      }),
    answer: [...STRUCTURE],
    diagnostics:
      "Consent.extension[1].extension: Consent.extension[1].extension:role (url role) is required by Extension-NDOP-Proxy-1 but missing. (and 1 more: Consent.extension[1])",
  },
  {
    rule: "profile-fixed",
    body: () =>
      broken((consent) => {
        ((consent.purpose as JsonObject[])[0] as JsonObject).code = "1234";
      }),
    answer: [...FIELD_VALUE],
    diagnostics:
      'Consent.purpose[0].code: Consent.purpose[0].code must be "370856009" (fixed by NDOP-Consent-1), not "1234".',
  },
  {
    rule: "ndop-status",
    body: () => broken((consent) => Object.assign(consent, { status: "draft" })),
    answer: [...FIELD_VALUE],
    diagnostics:
      'Consent.status: status must be "active" (opted out) or "inactive" (opt-out withdrawn), not "draft".',
  },
  {
    rule: "base-datatype",
    body: () => broken((consent) => Object.assign(consent, { dateTime: 5 })),
    answer: [...FIELD_VALUE],
    diagnostics:
      "Consent.dateTime: dateTime is a FHIR dateTime, so it must be a JSON string, not a number. (and 1 more: Consent.dateTime)",
  },
  {
    rule: "profile-fixed at a .system",
    body: () =>
      broken((consent) => {
        ((consent.purpose as JsonObject[])[0] as JsonObject).system = "http://example.org";
      }),
    answer: [...CODE_SYSTEM],
    diagnostics:
      'Consent.purpose[0].system: Consent.purpose[0].system must be "http://snomed.info/sct" (fixed by NDOP-Consent-1), not "http://example.org".',
  },
  {
    rule: "no Consent at all (a Patient)",
    body: () => ({ resourceType: "Patient" }),
    answer: [...RESOURCE],
    diagnostics: "The body is a Patient; NDOP takes a Consent.",
  },
];

const displayOf = (answer: { body: JsonObject }) =>
  (
    ((answer.body.issue as JsonObject[])[0] as JsonObject).details as {
      coding: { display: string }[];
    }
  ).coding[0]?.display;

describe("the answer to a create whose first refusing issue is", () => {
  it.each(CASES)("$rule", ({ body, answer, diagnostics }) =>
    withTestSandbox({}, async (sandbox) => {
      const created = await send(sandbox, "POST", "/Consent", {
        body: body(),
        interaction: "create",
      });
      const [status, issueCode, spineCode, display] = answer;
      expectSpineOutcome(created, status, issueCode, spineCode);
      expect(displayOf(created)).toBe(display);
      expect(diagnosticsOf(created)).toBe(diagnostics);
    }),
  );
});
