import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { isPrimitiveType, isResourceType, propertiesOfType } from "./type-model.js";

const stu3 = () => loadBaseDefinitions().parser.parsedStructureDefinitions;

describe("propertiesOfType", () => {
  it("reads a contentReference (#Bundle.link) as the element it names", () => {
    const names = propertiesOfType("#Bundle.link", stu3()).map((property) => property._name);
    expect(names).toEqual([
      "id",
      "_id",
      "extension",
      "modifierExtension",
      "relation",
      "_relation",
      "url",
      "_url",
    ]);
  });

  it("has no properties for a type or a reference the model does not know", () => {
    expect(propertiesOfType("NoSuchType", stu3())).toEqual([]);
    expect(propertiesOfType("#NoSuchType.link", stu3())).toEqual([]);
    expect(propertiesOfType("#Bundle.nothing", stu3())).toEqual([]);
  });
});

describe("isPrimitiveType: a type code starting with a lower-case letter", () => {
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
