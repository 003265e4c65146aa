import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParsedStructure } from "fhir/model/parsed-structure.js";
import { describe, expect, it } from "vitest";
import { ConformanceError } from "../errors/index.js";
import { loadModel, locateDefinitions, serialiseCache } from "./base-definitions.js";

/** A cache folder two levels below a fresh temporary one, so writing the cache must create it. */
function freshCacheFolder(): string {
  return join(mkdtempSync(join(tmpdir(), "ndop-stu3-build-")), "cache", "ndop-conformance");
}

/** Each STU3 3.0.1 primitive's value rule, as profiles-types.json states it on `<type>.value`. */
const STU3_PRIMITIVE_FORMATS = {
  base64Binary: {},
  boolean: {},
  code: { regex: "[^\\s]+([\\s]?[^\\s]+)*" },
  date: { regex: "-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1]))?)?" },
  dateTime: {
    regex:
      "-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?",
  },
  decimal: { regex: "-?([0]|([1-9][0-9]*))(\\.[0-9]+)?" },
  id: { regex: "[A-Za-z0-9\\-\\.]{1,64}" },
  instant: {},
  integer: { regex: "-?([0]|([1-9][0-9]*))" },
  markdown: {},
  oid: { regex: "urn:oid:(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*" },
  positiveInt: { regex: "[1-9][0-9]*" },
  string: { maxLength: 1048576 },
  time: { regex: "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?" },
  unsignedInt: { regex: "[0]|([1-9][0-9]*)" },
  uri: {},
  uuid: {
    regex: "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
  },
  xhtml: {},
};

describe("building the STU3 model when no cache exists (the installed definitions)", () => {
  it("parses every type and value set, keeps the invariant sources and primitive rules, and caches them", () => {
    const folder = freshCacheFolder();
    const model = loadModel(folder);

    expect(Object.keys(model.structures)).toHaveLength(173);
    expect(Object.keys(model.valueSets)).toHaveLength(652);
    expect(Object.keys(model.invariantSources).sort()).toEqual([
      "Bundle",
      "Consent",
      "DomainResource",
      "Element",
      "Extension",
      "Resource",
    ]);
    expect(model.invariantSources.Consent?.url).toBe(
      "http://hl7.org/fhir/StructureDefinition/Consent",
    );
    expect(model.primitiveFormats).toStrictEqual(STU3_PRIMITIVE_FORMATS);
    // STU3 binds through valueSetReference; a parser set for another version leaves it out.
    const consent = model.structures.Consent as ParsedStructure;
    expect(consent._properties?.find((property) => property._name === "status")).toStrictEqual({
      _name: "status",
      _type: "code",
      _multiple: false,
      _required: true,
      _valueSetStrength: "required",
      _valueSet: "http://hl7.org/fhir/ValueSet/consent-state-codes",
    });
    // One cache file, named for the installed versions, and no temporary file left behind.
    expect(readdirSync(folder)).toEqual([`stu3-model-${model.key}.json`]);
    expect(model.key).toBe("3.3.1-fhirjs-4.12.0-v4");
  });

  it("reads a second load from the cache the first wrote, entry by entry", () => {
    const folder = freshCacheFolder();
    const built = loadModel(folder);
    const cacheFile = join(folder, `stu3-model-${built.key}.json`);
    const written = readFileSync(cacheFile, "utf8");

    const reused = loadModel(folder);
    // Still text until read: parsed from the cache, not built again.
    expect(Object.getOwnPropertyDescriptor(reused.structures, "Consent")?.get).toBeTypeOf(
      "function",
    );
    expect(serialiseCache(reused)).toBe(written);
    expect(readdirSync(folder)).toEqual([`stu3-model-${built.key}.json`]);
  });

  it("still builds the model when the cache cannot be written (an unwritable folder costs speed only)", () => {
    const parent = mkdtempSync(join(tmpdir(), "ndop-stu3-unwritable-"));
    writeFileSync(join(parent, "file"), "a file where the cache folder would be");
    const model = loadModel(join(parent, "file", "cache"));
    expect(Object.keys(model.structures)).toHaveLength(173);
    expect(readdirSync(parent)).toEqual(["file"]);
  });
});

/** A definitions folder holding the four files the model is built from, with these resources. */
function definitionsFolder(types: object[], resources: object[]): string {
  const folder = mkdtempSync(join(tmpdir(), "ndop-stu3-definitions-"));
  const bundle = (resourceList: object[]) =>
    JSON.stringify({
      resourceType: "Bundle",
      entry: resourceList.map((resource) => ({ resource })),
    });
  writeFileSync(join(folder, "valuesets.json"), bundle([]));
  writeFileSync(join(folder, "v3-codesystems.json"), bundle([]));
  writeFileSync(join(folder, "profiles-types.json"), bundle(types));
  writeFileSync(join(folder, "profiles-resources.json"), bundle(resources));
  return folder;
}

function definition(id: string, kind: string, elements?: object[]): object {
  const url = `http://hl7.org/fhir/StructureDefinition/${id}`;
  const root = { id, path: id, min: 0, max: "*" };
  const snapshot = elements ? { snapshot: { element: [root, ...elements] } } : {};
  return { resourceType: "StructureDefinition", id, url, kind, type: id, ...snapshot };
}

const NOTE = { url: "http://example.org/StructureDefinition/note", valueString: "not a rule" };
const REGEX = {
  url: "http://hl7.org/fhir/StructureDefinition/structuredefinition-regex",
  valueString: "[a-z]+",
};

describe("building the model from a definitions folder", () => {
  it("takes a primitive's rule from its value element's type, whatever else the definition holds", () => {
    const value = (id: string, extra: object) => ({
      id: `${id}.value`,
      path: `${id}.value`,
      max: "1",
      ...extra,
    });
    const types = [
      definition("code", "primitive-type", [
        value("code", { maxLength: 5, type: [{ extension: [NOTE, REGEX] }] }),
      ]),
      definition("uri", "primitive-type", [value("uri", { type: [{}] })]),
      definition("markdown", "primitive-type", [value("markdown", {})]),
      definition("boolean", "primitive-type", []),
      definition("base64Binary", "primitive-type"),
      definition("Quantity", "complex-type", []),
    ];
    const model = loadModel(freshCacheFolder(), definitionsFolder(types, []));
    expect(model.primitiveFormats).toStrictEqual({
      code: { regex: "[a-z]+", maxLength: 5 },
      uri: {},
      markdown: {},
      boolean: {},
      base64Binary: {},
    });
    expect(Object.keys(model.structures)).toEqual([
      "code",
      "uri",
      "markdown",
      "boolean",
      "base64Binary",
      "Quantity",
    ]);
  });

  it("keeps as invariant sources only the StructureDefinitions of the types the invariants need", () => {
    const consent = definition("Consent", "resource", []);
    const resources = [
      { resourceType: "OperationDefinition", id: "Bundle", url: "http://example.org/op" },
      consent,
      definition("Patient", "resource", []),
    ];
    const model = loadModel(freshCacheFolder(), definitionsFolder([], resources));
    expect(model.invariantSources).toStrictEqual({ Consent: consent });
    expect(model.primitiveFormats).toStrictEqual({});
  });
});

describe("locating the definitions package", () => {
  it("names the missing package, with the resolver's failure as the cause", () => {
    let thrown: unknown;
    try {
      locateDefinitions("ndop-no-such-definitions");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConformanceError);
    const error = thrown as ConformanceError;
    expect(error.code).toBe("DEFINITIONS_UNAVAILABLE");
    expect(error.message).toBe(
      'The STU3 definitions package "ndop-no-such-definitions" is not installed; run npm ci.',
    );
    expect((error.cause as { code?: string }).code).toBe("MODULE_NOT_FOUND");
  });
});
