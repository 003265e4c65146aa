import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { inDefinitionOrder } from "./element-order.js";
import { readResource } from "./resource-reader.js";
import type { TypeModel } from "./type-model.js";
import { writeFhirXml } from "./xml-writer.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
let model: TypeModel;
beforeAll(() => {
  model = loadBaseDefinitions().parser.parsedStructureDefinitions;
});

const fixture = (name: string) => JSON.parse(readFileSync(`${fixtures}${name}.json`, "utf8"));
const ruleIds = (input: string | Uint8Array) =>
  readResource(input, model).issues.map((issue) => issue.ruleId);

describe("reading FHIR XML", () => {
  it.each(["consent", "operation-outcome", "history-bundle"])(
    "%s: XML written from JSON reads back as the same JSON",
    (name) => {
      const json = fixture(name);
      const read = readResource(writeFhirXml(inDefinitionOrder(json, model)), model);
      expect(read.ok && read.issues).toEqual([]);
      expect(read.ok && read.resource).toEqual(json);
    },
  );

  it("keeps a primitive's id and extensions in its _name sibling", () => {
    const xml =
      '<Consent xmlns="http://hl7.org/fhir"><status id="s1" value="active"><extension url="x"><valueString value="y"/></extension></status></Consent>';
    const read = readResource(xml, model);
    expect(read.ok && read.resource).toEqual({
      resourceType: "Consent",
      status: "active",
      _status: { id: "s1", extension: [{ url: "x", valueString: "y" }] },
    });
  });

  it("accepts comments anywhere, including before the root (FHIR.js throws on those)", () => {
    const read = readResource(
      '<?xml version="1.0"?><!-- a --><Consent xmlns="http://hl7.org/fhir"><!-- b --><status value="active"/></Consent>',
      model,
    );
    expect(read.ok && read.resource).toEqual({ resourceType: "Consent", status: "active" });
  });

  it("reports, rather than drops, what it cannot place", () => {
    const xml =
      '<Consent xmlns="http://hl7.org/fhir" lang="en"><colour value="blue"/><status value="active"/><status value="inactive"/>text</Consent>';
    expect(ruleIds(xml).sort()).toEqual([
      "base-cardinality",
      "base-unknown-element",
      "base-unknown-element",
      "xml-unexpected-text",
    ]);
  });

  it("reports an element with neither a value nor extensions as ele-1", () => {
    expect(ruleIds('<Consent xmlns="http://hl7.org/fhir"><status/></Consent>')).toEqual([
      "inv-ele-1",
    ]);
  });

  it("flags a root outside the FHIR namespace but still reads it", () => {
    const read = readResource('<Consent><status value="active"/></Consent>', model);
    expect(read.ok).toBe(true);
    expect(read.issues.map((issue) => issue.ruleId)).toEqual(["xml-namespace"]);
  });

  it("fails to parse an unknown root element", () => {
    const read = readResource('<Thing xmlns="http://hl7.org/fhir"/>', model);
    expect(read.ok).toBe(false);
    expect(read.issues[0]?.ruleId).toBe("unknown-resource-type");
  });
});

describe("reading FHIR JSON", () => {
  it("strips a byte-order mark", () => {
    expect(readResource(`\uFEFF${JSON.stringify({ resourceType: "Consent" })}`, model).ok).toBe(
      true,
    );
  });

  it("keeps __proto__ and constructor keys as plain data for the base layer to reject", () => {
    const read = readResource(
      '{"resourceType":"Consent","__proto__":{"polluted":1},"constructor":{"x":1}}',
      model,
    );
    expect(read.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["[]", "parse-format"],
    ['{"resourceType":', "parse-json"],
    ["{}", "unknown-resource-type"],
    ['{"resourceType":"Patientt"}', "unknown-resource-type"],
    ["   ", "parse-empty"],
  ])("refuses %s as %s", (input, ruleId) => {
    expect(ruleIds(input)).toEqual([ruleId]);
  });

  it("refuses input declared as one format but written in the other", () => {
    const read = readResource("<Consent/>", model, "json");
    expect(read.issues[0]?.ruleId).toBe("parse-format");
  });
});

describe("nesting limit", () => {
  // The root object is level 1, each array or object inside it one more.
  const nested = (levels: number) =>
    `{"resourceType":"Consent","extension":${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
  const verdictOf = (input: string | object) => {
    const read = readResource(input, model);
    return read.ok ? "read" : read.issues.map((issue) => issue.ruleId).join();
  };

  it.each([
    ["JSON text", (text: string) => text],
    ["a parsed object", (text: string) => JSON.parse(text) as object],
  ])("%s: 64 levels are read, 65 refused", (_, input) => {
    expect(verdictOf(input(nested(64)))).toBe("read");
    expect(verdictOf(input(nested(65)))).toBe("parse-depth");
  });
});
