import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { type ReadResult, readResource } from "./resource-reader.js";

/** Reads with the STU3 model, loaded inside the test that calls it. */
function read(input: Uint8Array | string | object, expected?: "json" | "xml"): ReadResult {
  return readResource(input, loadBaseDefinitions().parser.parsedStructureDefinitions, expected);
}

/** A refusal as readResource writes it: one fatal parse issue, with a format when one was found. */
function refused(ruleId: string, message: string, format?: "json" | "xml", location = "") {
  const issue = { severity: "fatal", code: "structure", location, message, ruleId, layer: "parse" };
  return format === undefined
    ? { ok: false, issues: [issue] }
    : { ok: false, format, issues: [issue] };
}

describe("readResource: input that is not text of a resource", () => {
  it.each([
    [new Uint8Array([0x7b, 0xff]), "parse-encoding", "The input is not valid UTF-8 text."],
    ['{"a":"\u0000"}', "parse-binary", "The input is binary, not FHIR JSON or XML."],
    ["\uFEFF \uFEFF{}", "parse-bom", "The input starts with more than one byte-order mark (BOM)."],
    [" \n\t", "parse-empty", "The input is empty."],
    [
      "abc",
      "parse-format",
      "The input is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<').",
    ],
  ])("%j is refused as %s", (input, ruleId, message) => {
    expect(read(input)).toStrictEqual(refused(ruleId, message));
  });

  it("refuses a format other than the declared one, and only when one was found", () => {
    expect(read('{"a":1}', "xml")).toStrictEqual(
      refused("parse-format", "The input was declared as XML but is JSON.", "xml"),
    );
    expect(read("<a/>", "json")).toStrictEqual(
      refused("parse-format", "The input was declared as JSON but is XML.", "json"),
    );
    expect(read("abc", "json")).toStrictEqual(read("abc"));
  });
});

describe("readResource: JSON that is not a resource", () => {
  it("says where well-formed JSON breaks, by line and column", () => {
    expect(read('{"a":1,\n  }')).toStrictEqual(
      refused(
        "parse-json",
        "The JSON is not well-formed: Expected double-quoted property name at line 2, column 3.",
        "json",
      ),
    );
  });

  it("accepts 64 levels of nesting", () => {
    const deepest = `{"resourceType":"Patient",${'"a":{'.repeat(63)}"b":1${"}".repeat(63)}}`;
    expect(read(deepest).ok).toBe(true);
  });

  it("refuses JSON nested too deeply, as text or as an object", () => {
    const deep = `${'{"a":'.repeat(65)}1${"}".repeat(65)}`;
    const tooDeep = refused("parse-depth", "The resource nests deeper than 64 levels.", "json");
    expect(read(deep)).toStrictEqual(tooDeep);
    expect(read(JSON.parse(deep))).toStrictEqual(tooDeep);
  });

  it("refuses more JSON values than a resource may hold", () => {
    const text = `{"resourceType":"Patient","a":[${Array(100_001).fill(0).join(",")}]}`;
    expect(read(text)).toStrictEqual(
      refused(
        "too-many-elements",
        "The resource holds more than 100,000 JSON values; it is refused as too costly to judge.",
        "json",
      ),
    );
  });

  it("refuses a missing or unknown resource type, naming the unknown one", () => {
    expect(read({ resourceType: 5 })).toStrictEqual(
      refused("unknown-resource-type", "The resource has no resourceType.", "json"),
    );
    expect(read('{"resourceType":"Foo"}')).toStrictEqual(
      refused("unknown-resource-type", '"Foo" is not a FHIR STU3 resource type.', "json", "Foo"),
    );
  });
});

describe("readResource: a name written twice in one JSON object", () => {
  it("reads the resource and reports the repeated name where it is", () => {
    const text = '{"resourceType":"Patient","name":[{"given":["a"],"given":["b"]}]}';
    expect(read(text)).toStrictEqual({
      ok: true,
      resource: { resourceType: "Patient", name: [{ given: ["b"] }] },
      format: "json",
      issues: [
        {
          severity: "error",
          code: "structure",
          location: "Patient.name[0].given",
          message:
            'The JSON object has the property "given" more than once; JSON readers keep only one of them, so FHIR forbids it.',
          ruleId: "json-duplicate-property",
          layer: "parse",
        },
      ],
    });
  });
});
