import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import type { VisitedElement } from "./element-walker.js";
import { InvariantChecker } from "./invariants.js";

/** Built inside each test, so that mutation testing counts the compiling of the invariants. */
const checker = () => new InvariantChecker(loadBaseDefinitions().structureDefinitions);

const element = (type: string, value: unknown, primitiveExtras?: unknown): VisitedElement => ({
  path: "P.x",
  type,
  value,
  multiple: false,
  ...(primitiveExtras === undefined ? {} : { primitiveExtras }),
});

function broken(key: string, human: string, location: string) {
  return {
    severity: "error",
    code: "invariant",
    location,
    message: `${human} (${key}).`,
    ruleId: `inv-${key}`,
    layer: "invariant",
  };
}

const ELE_1 = "All FHIR elements must have a @value or children";
const BDL_5 = "must be a resource unless there's a request or response";

describe("InvariantChecker.checkElement", () => {
  it("finds ele-1 broken by an empty primitive without extensions, and by an id-only element", () => {
    const checks = checker();
    expect(checks.checkElement(element("string", ""))).toStrictEqual(broken("ele-1", ELE_1, "P.x"));
    const idOnly = { id: "x", start: null, extension: [] };
    expect(checks.checkElement(element("Period", idOnly))).toStrictEqual(
      broken("ele-1", ELE_1, "P.x"),
    );
  });

  it("accepts an empty primitive with extensions, a valued one, and an element with children", () => {
    const checks = checker();
    const extras = { extension: [{ url: "http://x", valueString: "y" }] };
    expect(checks.checkElement(element("string", "", extras))).toBeUndefined();
    expect(checks.checkElement(element("string", "a"))).toBeUndefined();
    expect(checks.checkElement(element("Period", { id: "x", start: "2020" }))).toBeUndefined();
  });

  it("leaves null, arrays and wrongly typed values to the datatype check", () => {
    const checks = checker();
    expect(checks.checkElement(element("Period", null))).toBeUndefined();
    expect(checks.checkElement(element("Period", []))).toBeUndefined();
    expect(checks.checkElement(element("Period", "2020"))).toBeUndefined();
  });

  it("finds ext-1 broken by an extension with neither a value nor extensions", () => {
    const checks = checker();
    expect(checks.checkElement(element("Extension", { url: "http://x" }))).toStrictEqual(
      broken("ext-1", "Must have either extensions or value[x], not both", "P.x"),
    );
    expect(
      checks.checkElement(element("Extension", { url: "http://x", valueCode: "a" })),
    ).toBeUndefined();
  });
});

describe("InvariantChecker.checkResource", () => {
  it("finds nothing broken in a Bundle whose entries hold resources", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [{ fullUrl: "urn:uuid:1", resource: { resourceType: "Patient" } }],
    };
    expect(checker().checkResource(bundle, "B")).toEqual([]);
  });

  it("locates a broken entry invariant in an entry array, or on a single entry object", () => {
    const checks = checker();
    const entries = {
      resourceType: "Bundle",
      type: "collection",
      entry: [null, { fullUrl: "urn:uuid:1" }],
    };
    expect(checks.checkResource(entries, "B")).toStrictEqual([
      broken("bdl-5", BDL_5, "B.entry[0]"),
      broken("bdl-5", BDL_5, "B.entry[1]"),
    ]);
    const single = { resourceType: "Bundle", type: "collection", entry: { fullUrl: "urn:uuid:1" } };
    expect(checks.checkResource(single, "B")).toStrictEqual([broken("bdl-5", BDL_5, "B.entry")]);
  });
});
