import { expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { inDefinitionOrder, writeOrderedFhirXml } from "./element-order.js";
import type { JsonObject } from "./resource-reader.js";

// Members put in STU3 definition order, compared as JSON text so that order counts.
function ordered(resource: JsonObject): string {
  const result = inDefinitionOrder(
    resource,
    loadBaseDefinitions().parser.parsedStructureDefinitions,
  );
  // JSON.stringify drops members whose value is undefined: none may be added.
  expect(Object.values(result)).not.toContain(undefined);
  return JSON.stringify(result);
}

it("orders members by definition, each `_name` after its name, unknown members last in their own order, at every depth", () => {
  const resource = {
    wibble: 1,
    wobble: 2,
    patient: { display: "P", reference: "Patient/1" },
    _status: { id: "s" },
    status: "active",
    id: "c",
    resourceType: "Consent",
  };
  expect(ordered(resource)).toBe(
    JSON.stringify({
      resourceType: "Consent",
      id: "c",
      status: "active",
      _status: { id: "s" },
      patient: { reference: "Patient/1", display: "P" },
      wibble: 1,
      wobble: 2,
    }),
  );
});

it("orders a contained resource as its own type, and a contained entry without a type as a bare resource", () => {
  const resource = {
    contained: [
      { gender: "male", id: "p", resourceType: "Patient" },
      { meta: {}, id: "x" },
    ],
    resourceType: "Consent",
  };
  expect(ordered(resource)).toBe(
    JSON.stringify({
      resourceType: "Consent",
      contained: [
        { resourceType: "Patient", id: "p", gender: "male" },
        { id: "x", meta: {} },
      ],
    }),
  );
});

it("puts a primitive extension whose value is absent where its element would be", () => {
  const _id = { extension: [{ url: "u", valueString: "v" }], id: "i" };
  const resource = { status: "active", _id, resourceType: "Consent" };
  expect(ordered(resource)).toBe(
    JSON.stringify({ resourceType: "Consent", _id, status: "active" }),
  );
});

it("writes FHIR XML in definition order", () => {
  expect(writeOrderedFhirXml({ status: "active", id: "c", resourceType: "Consent" })).toBe(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Consent xmlns="http://hl7.org/fhir"><id value="c"/><status value="active"/></Consent>',
  );
});

it("keeps a `_name` member the definition does not list right after its element", () => {
  // Consent.patient is a Reference, so the model has no `_patient`; it still follows `patient`.
  const _patient = { id: "p" };
  const resource = {
    dateTime: "2020",
    _patient,
    patient: { reference: "Patient/1" },
    resourceType: "Consent",
  };
  expect(ordered(resource)).toBe(
    JSON.stringify({
      resourceType: "Consent",
      patient: { reference: "Patient/1" },
      _patient,
      dateTime: "2020",
    }),
  );
});

it("writes the resource type as text, taken from the resource, not as one of its members", () => {
  const resource = { id: "c", resourceType: 7 } as unknown as JsonObject;
  expect(ordered(resource)).toBe(JSON.stringify({ resourceType: "7", id: "c" }));
});
