import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "./issues.js";
import { NdopValidator } from "./validator.js";

const SHAPE_RULES = new Set(["base-datatype", "json-empty-array", "base-cardinality"]);

/** The JSON-shape issues of one resource, one line each: code, rule, location and message. */
function shapeIssues(resource: object): string[] {
  return NdopValidator.create()
    .validate(resource)
    .issues.filter((issue: ValidationIssue) => SHAPE_RULES.has(issue.ruleId))
    .map((issue) => {
      expect([issue.severity, issue.layer]).toEqual(["error", "base"]);
      return `${issue.code} ${issue.ruleId} ${issue.location}: ${issue.message}`;
    });
}

describe("checkJsonDatatype (through the validator's element walk)", () => {
  it("names the JSON type each FHIR type needs, and what was found", () => {
    const patient = {
      resourceType: "Patient",
      active: "yes",
      multipleBirthInteger: "2",
      gender: 5,
      name: ["x", { given: [...Array(10).fill("a"), 5] }],
    };
    expect(shapeIssues(patient)).toEqual([
      'value base-datatype Patient.active: active is a FHIR boolean, so it must be a JSON boolean, not the string "yes".',
      'value base-datatype Patient.name[0]: name is a FHIR HumanName, so it must be a JSON object, not the string "x".',
      "value base-datatype Patient.name[1].given[10]: given is a FHIR string, so it must be a JSON string, not a number.",
      "value base-datatype Patient.gender: gender is a FHIR code, so it must be a JSON string, not a number.",
      'value base-datatype Patient.multipleBirthInteger: multipleBirthInteger is a FHIR integer, so it must be a JSON number, not the string "2".',
      'value base-datatype Patient.active: Invalid format for boolean value "yes"',
      'value base-datatype Patient.multipleBirthInteger: Number type expected but string received for value "2"',
    ]);
  });

  it("refuses null, an empty array, and an array where the element does not repeat", () => {
    const patient = {
      resourceType: "Patient",
      photo: [],
      birthDate: ["2000-01-01"],
      deceasedBoolean: null,
      link: [null],
    };
    expect(shapeIssues(patient)).toEqual([
      "structure base-cardinality Patient.birthDate: birthDate does not repeat here, so it must not be a JSON array.",
      "value base-datatype Patient.deceasedBoolean: null is not a FHIR value; leave the element out instead.",
      "invalid json-empty-array Patient.photo: photo is an empty JSON array; leave the element out instead.",
      "value base-datatype Patient.link[0]: null is not a FHIR value; leave the element out instead.",
    ]);
  });

  it("accepts a null item of a repeated primitive whose _ twin carries that item", () => {
    const patient = {
      resourceType: "Patient",
      meta: { profile: ["http://a", null], _profile: [null, { id: "x" }] },
    };
    expect(shapeIssues(patient)).toEqual([]);
  });

  it("shows at most 40 characters of a wrong string, and checks extension values by type", () => {
    const patient = {
      resourceType: "Patient",
      active: "y".repeat(50),
      extension: [
        { url: "http://x", valueDecimal: "1.5" },
        { url: "http://y", valueBoolean: 1 },
      ],
    };
    expect(shapeIssues(patient)).toEqual([
      'value base-datatype Patient.extension[0].valueDecimal: valueDecimal is a FHIR decimal, so it must be a JSON number, not the string "1.5".',
      "value base-datatype Patient.extension[1].valueBoolean: valueBoolean is a FHIR boolean, so it must be a JSON boolean, not a number.",
      `value base-datatype Patient.active: active is a FHIR boolean, so it must be a JSON boolean, not the string "${"y".repeat(40)}".`,
      // FHIR.js's own findings on the same elements, after the walk's.
      'value base-datatype Patient.extension[0].valueDecimal: Number type expected but string received for value "1.5"',
      'value base-datatype Patient.extension[1].valueBoolean: Invalid format for boolean value "1"',
      `value base-datatype Patient.active: Invalid format for boolean value "${"y".repeat(50)}"`,
    ]);
  });
});
