import { expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { type VisitedElement, walkElements } from "./element-walker.js";
import type { JsonObject } from "./resource-reader.js";

// Every visited element in full, on odd shapes: its public members, the location spelled out,
// and primitiveExtras only when the element has some (strictly: a null counts).
function walk(resource: JsonObject): VisitedElement[] {
  const seen: VisitedElement[] = [];
  const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
  walkElements(resource, model, ({ path, type, value, multiple, primitiveExtras }) =>
    seen.push({
      path,
      type,
      value,
      multiple,
      ...(primitiveExtras === undefined ? {} : { primitiveExtras }),
    }),
  );
  return seen;
}

it("gives each repeating primitive its own `_name` entry, skipping null ones", () => {
  const name = { given: ["a", "b", "c"], _given: [null, { id: "g" }] };
  expect(walk({ resourceType: "Patient", name: [name] })).toStrictEqual([
    { path: "Patient.name[0]", type: "HumanName", value: name, multiple: true },
    { path: "Patient.name[0].given[0]", type: "string", value: "a", multiple: true },
    {
      path: "Patient.name[0].given[1]",
      type: "string",
      value: "b",
      multiple: true,
      primitiveExtras: { id: "g" },
    },
    { path: "Patient.name[0].given[2]", type: "string", value: "c", multiple: true },
  ]);
});

it("gives a single primitive its `_name` sibling, and nothing when there is none", () => {
  expect(walk({ resourceType: "Consent", status: "active", _status: { id: "s" } })).toStrictEqual([
    {
      path: "Consent.status",
      type: "code",
      value: "active",
      multiple: false,
      primitiveExtras: { id: "s" },
    },
  ]);
  expect(walk({ resourceType: "Consent", language: "en" })).toStrictEqual([
    { path: "Consent.language", type: "code", value: "en", multiple: false },
  ]);
});

it("visits an empty list, an array where one value belongs and a null as they stand, and nothing below them", () => {
  expect(
    walk({ resourceType: "Consent", actor: [], status: ["a", "b"], period: null }),
  ).toStrictEqual([
    { path: "Consent.status", type: "code", value: ["a", "b"], multiple: false },
    { path: "Consent.period", type: "Period", value: null, multiple: false },
    { path: "Consent.actor", type: "BackboneElement", value: [], multiple: true },
  ]);
});

it("walks no contained resource whose resourceType is not a string, even one naming a type", () => {
  const odd = { resourceType: ["Patient"], active: true };
  expect(walk({ resourceType: "Consent", contained: [odd] })).toStrictEqual([
    { path: "Consent.contained[0]", type: "Resource", value: odd, multiple: true },
  ]);
});

it("visits nothing of a resource type it does not know, at the top or contained", () => {
  expect(walk({ resourceType: "Nope", status: "active" })).toStrictEqual([]);
  const unknown = { resourceType: "Nope", id: "n" };
  expect(walk({ resourceType: "Consent", contained: [unknown] })).toStrictEqual([
    { path: "Consent.contained[0]", type: "Resource", value: unknown, multiple: true },
  ]);
});
