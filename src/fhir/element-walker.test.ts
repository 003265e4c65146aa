import { beforeAll, describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { walkElements } from "./element-walker.js";
import type { JsonObject } from "./resource-reader.js";
import type { TypeModel } from "./type-model.js";

let model: TypeModel;
beforeAll(() => {
  model = loadBaseDefinitions().parser.parsedStructureDefinitions;
});

const visited = (resource: JsonObject) => {
  const seen: string[] = [];
  walkElements(resource, model, (element) => {
    seen.push(`${element.path}: ${element.type}${element.multiple ? "*" : ""}`);
  });
  return seen;
};

describe("walkElements", () => {
  // Two different backbone elements (actor, policy), a primitive's _name sibling and a contained
  // resource: each must be walked with its own child properties, however the walk caches them.
  const consent = {
    resourceType: "Consent",
    status: "active",
    _status: { id: "s" },
    actor: [{ role: { text: "r" }, reference: { reference: "Patient/1" } }],
    policy: [{ authority: "https://a.example", uri: "https://u.example" }],
    contained: [{ resourceType: "Patient", active: true }],
  };

  it("visits each element once, with its STU3 type, in definition order", () => {
    expect(visited(consent)).toEqual([
      "Consent.contained[0]: Resource*",
      "Consent.contained[0].active: boolean",
      "Consent.status: code",
      "Consent.actor[0]: BackboneElement*",
      "Consent.actor[0].role: CodeableConcept",
      "Consent.actor[0].role.text: string",
      "Consent.actor[0].reference: Reference",
      "Consent.actor[0].reference.reference: string",
      "Consent.policy[0]: BackboneElement*",
      "Consent.policy[0].authority: uri",
      "Consent.policy[0].uri: uri",
    ]);
  });

  it("walks a second resource with the same model the same way (caches hold per property)", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "history",
      entry: [{ fullUrl: "urn:x", request: { method: "POST", url: "Consent" } }],
    };
    expect(visited(bundle)).toEqual([
      "Bundle.type: code",
      "Bundle.entry[0]: BackboneElement*",
      "Bundle.entry[0].fullUrl: uri",
      "Bundle.entry[0].request: BackboneElement",
      "Bundle.entry[0].request.method: code",
      "Bundle.entry[0].request.url: uri",
    ]);
    expect(visited(consent)).toHaveLength(11);
  });
});
