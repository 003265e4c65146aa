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

it("orders a Reference that carries a resourceType as a Reference, not as that resource", () => {
  // Only the Reference's own members are asserted: what becomes of the stray resourceType is not.
  const patient = { display: "P", resourceType: "Patient", reference: "Patient/1" };
  const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
  const result = inDefinitionOrder({ resourceType: "Consent", patient }, model);
  expect(Object.keys(result.patient as JsonObject).slice(0, 2)).toStrictEqual([
    "reference",
    "display",
  ]);
});
