import { expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { inDefinitionOrder } from "./element-order.js";
import type { JsonObject } from "./resource-reader.js";

// Shapes the validator reports but ordering still meets: a null, and a stray resourceType.
function ordered(resource: JsonObject): string {
  const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
  return JSON.stringify(inDefinitionOrder(resource, model));
}

it("keeps a null member as it is, at the top and inside an element", () => {
  const resource = { patient: { display: null, reference: "Patient/1" }, status: null };
  expect(ordered({ resourceType: "Consent", ...resource })).toBe(
    '{"resourceType":"Consent","status":null,"patient":{"reference":"Patient/1","display":null}}',
  );
});

it("orders a Reference that carries a resourceType as a Reference, keeping the stray member last", () => {
  // The stray resourceType is an unknown member of the Reference (the validator reports it), so the
  // copy keeps it, after the known ones, for the XML or JSON written from it to show it too.
  const patient = { display: "P", resourceType: "Patient", reference: "Patient/1" };
  expect(ordered({ resourceType: "Consent", patient })).toBe(
    '{"resourceType":"Consent","patient":{"reference":"Patient/1","display":"P","resourceType":"Patient"}}',
  );
});

it("keeps a contained entry's resourceType that is not a string, as an unknown member", () => {
  const contained = [{ id: "a", resourceType: 7 }];
  expect(ordered({ resourceType: "Consent", contained, status: "active" })).toBe(
    '{"resourceType":"Consent","contained":[{"id":"a","resourceType":7}],"status":"active"}',
  );
});

it("writes the resource's own resourceType once, first, wherever the input had it", () => {
  expect(ordered({ status: "active", resourceType: "Consent", id: "x" } as JsonObject)).toBe(
    '{"resourceType":"Consent","id":"x","status":"active"}',
  );
});
