import type { ParsedProperty } from "fhir/model/parsed-property.js";
import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { isPrimitiveType, isResourceType, propertiesOfType, type TypeModel } from "./type-model.js";

const stu3 = () => loadBaseDefinitions().parser.parsedStructureDefinitions;

const names = (properties: ParsedProperty[]) => properties.map((property) => property._name);

describe("the properties a type, or a contentReference to an element, has", () => {
  it("follows a contentReference through the STU3 model to the element it names", () => {
    const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
    expect(names(propertiesOfType("#Bundle.link", model))).toEqual([
      "id",
      "_id",
      "extension",
      "modifierExtension",
      "relation",
      "_relation",
      "url",
      "_url",
    ]);
    expect(names(propertiesOfType("#Bundle.entry.search", model))).toEqual([
      "id",
      "_id",
      "extension",
      "modifierExtension",
      "mode",
      "_mode",
      "score",
      "_score",
    ]);
  });

  it("has none for a type, resource or element the model does not hold", () => {
    const model: TypeModel = {
      Bundle: { _type: "Bundle", _kind: "resource", _properties: [{ _name: "id" }] },
      string: { _type: "string", _kind: "primitive-type" },
    } as unknown as TypeModel;
    expect(propertiesOfType("Unknown", model)).toEqual([]);
    expect(propertiesOfType("string", model)).toEqual([]);
    expect(propertiesOfType("#Unknown", model)).toEqual([]);
    expect(propertiesOfType("#Unknown.link", model)).toEqual([]);
    expect(propertiesOfType("#Bundle.nothing", model)).toEqual([]);
    expect(propertiesOfType("#Bundle.nothing.below", model)).toEqual([]);
    expect(names(propertiesOfType("#Bundle", model))).toEqual(["id"]);
  });

  it("has no properties for a type or a reference the model does not know", () => {
    expect(propertiesOfType("NoSuchType", stu3())).toEqual([]);
    expect(propertiesOfType("#NoSuchType.link", stu3())).toEqual([]);
    expect(propertiesOfType("#Bundle.nothing", stu3())).toEqual([]);
  });
});

describe("whether a type code names a primitive (lower-case first letter)", () => {
  it("judges a first letter outside ASCII by its case", () => {
    expect(isPrimitiveType("éclair")).toBe(true);
    // Only the first letter counts.
    expect(isPrimitiveType("éCLAIR")).toBe(true);
    expect(isPrimitiveType("Élan")).toBe(false);
    // No case at all, or title case (U+01C5: neither its lower nor its upper form).
    expect(isPrimitiveType("中文")).toBe(false);
    expect(isPrimitiveType("ǅx")).toBe(false);
  });

  it.each([
    ["a", true],
    ["z", true],
    ["string", true],
    ["dateTime", true],
    ["éclair", true],
    ["Extension", false],
    ["Éclair", false],
    ["`tick", false],
    ["{brace", false],
    ["~tilde", false],
    ["#Bundle.link", false],
    ["1st", false],
    ["", false],
  ])("%s: %s", (type, primitive) => {
    expect(isPrimitiveType(type)).toBe(primitive);
  });
});

describe("isResourceType", () => {
  it("is true for a resource, false for a datatype, an unknown name or none", () => {
    const model = stu3();
    expect(isResourceType("Consent", model)).toBe(true);
    expect(isResourceType("CodeableConcept", model)).toBe(false);
    expect(isResourceType("string", model)).toBe(false);
    expect(isResourceType("NoSuchType", model)).toBe(false);
    expect(isResourceType(undefined, model)).toBe(false);
  });
});
