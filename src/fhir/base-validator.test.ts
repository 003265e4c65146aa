import { expect, it } from "vitest";
import { baseIssue, baseConsentIssues as validate } from "../testing/fhir-inputs.js";

// FHIR.js on hand-made Consents, through the filters that remove its known false positives.
it.each([
  "https://pds.example/Patient/9990000018",
  "https://pds.example/Patient/9990000018/_history/2",
])("accepts the absolute reference %s to a resource type", (reference) => {
  expect(validate({ patient: { reference } })).toEqual([]);
});

it.each([
  "https://pds.example/Foo/1",
  "https://pds.example/Extension/1",
  "https://pds.example/patient/1",
])("reports the absolute reference %s, which names no resource type", (reference) => {
  expect(validate({ patient: { reference } })).toEqual([
    baseIssue(
      "Consent.patient",
      `Invalid type for reference ${JSON.stringify({ reference })}`,
      "base-datatype",
      "value",
    ),
  ]);
});

// FHIR.js reports an absolute reference to a type the element does not list (a patient that is an
// Organization), quoting the Reference as JSON. The common shape is read from the quote; the
// others are parsed, and must come to the same verdict.
it.each([
  { reference: "https://pds.example/Organization/1/_history/2" },
  { display: "Ann", reference: "https://pds.example/Organization/1" },
  { reference: 'https://pds.example/a"b/Organization/1' },
  { reference: "https://pds.example/a\\b/Organization/1" },
])("excuses the absolute reference in %j, however FHIR.js's quote of it is read", (patient) => {
  expect(validate({ patient })).toEqual([]);
});

it.each([
  // A control character is escaped in the quote, but is white space in the reference.
  { reference: "https://pds.example/a\nb/Organization/1" },
  // The id ends the reference: what follows it is no part of an absolute reference.
  { reference: "https://pds.example/Organization/1#x" },
  // The type is the reference's own, not one that a later member's text happens to spell.
  { reference: "https://pds.example/Foo/1", display: "x/Organization/2" },
])("reports the reference in %j, whose quote looks absolute but is not", (patient) => {
  expect(validate({ patient })).toEqual([
    baseIssue(
      "Consent.patient",
      `Invalid type for reference ${JSON.stringify(patient)}`,
      "base-datatype",
      "value",
    ),
  ]);
});

it("reports a reference that is not a string, which FHIR.js cannot walk, as one structure error", () => {
  expect(validate({ patient: { reference: 5 } })).toEqual([
    baseIssue(
      "Consent",
      "The resource has a wrongly shaped element the base validator could not walk (obj.reference.split is not a function).",
      "base-structure",
      "structure",
    ),
  ]);
});

it("names the rule and issue type of each kind of FHIR.js message", () => {
  expect(validate({ wibble: 1, identifier: [{}] })).toEqual([
    baseIssue("Consent.identifier.0", "Unexpected property", "base-unknown-element", "structure"),
    baseIssue("Consent.wibble", "Unexpected property", "base-unknown-element", "structure"),
  ]);
  expect(validate({ status: undefined })).toEqual([
    baseIssue(
      "Consent.status",
      'Code "undefined" not found in value set',
      "base-binding",
      "code-invalid",
    ),
  ]);
  expect(validate({ dateTime: "not a date" })).toEqual([
    baseIssue(
      "Consent.dateTime",
      'Invalid dateTime format for value "not a date"',
      "base-datatype",
      "value",
    ),
  ]);
});

it("keeps a 300-character message whole and cuts a longer one, which then matches no rule", () => {
  const code = (length: number) => "x".repeat(length);
  expect(validate({ status: code(270) })).toEqual([
    baseIssue(
      "Consent.status",
      `Code "${code(270)}" not found in value set`,
      "base-binding",
      "code-invalid",
    ),
  ]);
  const long = `Code "${code(271)}" not found in value set`;
  expect(validate({ status: code(271) })).toEqual([
    baseIssue(
      "Consent.status",
      `${long.slice(0, 300)}… (301 characters)`,
      "base-structure",
      "structure",
    ),
  ]);
});

it("drops FHIR.js's warnings for codes outside extensible bindings (NDOP's SNOMED purpose is one)", () => {
  const purpose = [{ system: "http://hl7.org/fhir/v3/ActReason", code: "ZZ" }];
  expect(validate({ purpose })).toEqual([]);
});

it("keeps FHIR.js's information messages, as information", () => {
  const securityLabel = [{ system: "http://hl7.org/fhir/v3/Confidentiality", code: "ZZ" }];
  expect(validate({ securityLabel })).toEqual([
    {
      ...baseIssue(
        "Consent.securityLabel[0]",
        'Value set "http://hl7.org/fhir/ValueSet/security-labels" could not be found.',
        "base-binding",
        "code-invalid",
      ),
      severity: "information",
    },
  ]);
});

it("keeps FHIR.js's fatal message for a contained resource of no known type, as fatal", () => {
  expect(validate({ contained: [{ resourceType: "Foo" }] })).toEqual([
    {
      ...baseIssue(
        "",
        "Resource does not have resourceType property, or value is not a valid resource type.",
        "base-structure",
        "structure",
      ),
      severity: "fatal",
    },
  ]);
});
