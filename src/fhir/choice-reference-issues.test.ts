import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { walkElements } from "./element-walker.js";
import type { JsonObject } from "./resource-reader.js";
import { NdopValidator } from "./validator.js";

/**
 * STU3's model lists a choice's Reference once per target type: Consent.sourceReference four
 * times, Signature.whoReference twice. It is one JSON key, so one element, and each of its
 * problems must be said once (they were said four times, by the walk and by FHIR.js alike).
 */
const consent = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/validation/consent.json", import.meta.url)),
    "utf8",
  ),
) as JsonObject;

let validator: NdopValidator;
beforeAll(() => {
  validator = NdopValidator.create();
});

const issuesOf = (resource: JsonObject) =>
  validator
    .validate(JSON.stringify(resource))
    .issues.map((issue) => `${issue.location} ${issue.ruleId}`);

describe("a Reference that STU3 lists once per target type", () => {
  it("is walked once", () => {
    const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
    const seen: string[] = [];
    const resource = { resourceType: "Consent", sourceReference: { reference: "Consent/1" } };
    walkElements(resource, model, (element) => seen.push(`${element.path}: ${element.type}`));
    expect(seen).toEqual([
      "Consent.sourceReference: Reference",
      "Consent.sourceReference.reference: string",
    ]);
  });

  it("has each datatype and invariant problem said once", () => {
    const sourceReference = { reference: 5, display: "" };
    expect(issuesOf({ ...consent, sourceReference })).toEqual([
      "Consent.sourceReference.reference base-datatype",
      "Consent.sourceReference.display inv-ele-1",
      "Consent.sourceReference profile-forbidden",
    ]);
  });

  it("has each of FHIR.js's findings said once", () => {
    // The same finding at two places is two findings.
    const sourceReference = { reference: "Consent/1", foo: 1 };
    const patient = { ...(consent.patient as JsonObject), foo: 1 };
    expect(issuesOf({ ...consent, patient, sourceReference })).toEqual([
      "Consent.patient.foo base-unknown-element",
      "Consent.sourceReference.foo base-unknown-element",
      "Consent.sourceReference profile-forbidden",
    ]);
    const signature = {
      type: [{ system: "urn:iso-astm:E1762-95:2013", code: "1.2.840.10065.1.12.1.1" }],
      when: "2017-12-14T10:00:00+00:00",
      whoReference: { reference: "Practitioner/1", foo: 1 },
      blob: "AA==",
    };
    expect(issuesOf({ resourceType: "Bundle", type: "history", signature })).toEqual([
      "Bundle.signature.whoReference.foo base-unknown-element",
    ]);
  });
});
