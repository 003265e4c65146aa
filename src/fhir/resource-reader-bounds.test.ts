import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { type ReadResult, readResource } from "./resource-reader.js";

/** Reads with the STU3 model, loaded inside the test that calls it. */
function read(input: Uint8Array | string | object): ReadResult {
  return readResource(input, loadBaseDefinitions().parser.parsedStructureDefinitions);
}

const twoBoms = {
  ok: false,
  issues: [
    {
      severity: "fatal",
      code: "structure",
      location: "",
      message: "The input starts with more than one byte-order mark (BOM).",
      ruleId: "parse-bom",
      layer: "parse",
    },
  ],
};

describe("readResource: byte-order marks", () => {
  it("reads a BOM inside a value as part of the value", () => {
    expect(read('\uFEFF{"resourceType":"Patient","id":"a\uFEFFb"}')).toStrictEqual({
      ok: true,
      format: "json",
      resource: { resourceType: "Patient", id: "a\uFEFFb" },
      issues: [],
    });
  });

  it("refuses two BOMs back to back, as text or as bytes", () => {
    expect(read("\uFEFF\uFEFF{}")).toStrictEqual(twoBoms);
    expect(read(new TextEncoder().encode("\uFEFF\uFEFF{}"))).toStrictEqual(twoBoms);
  });

  it("reads bytes that start with one BOM", () => {
    expect(read(new TextEncoder().encode('\uFEFF{"resourceType":"Patient"}'))).toStrictEqual({
      ok: true,
      format: "json",
      resource: { resourceType: "Patient" },
      issues: [],
    });
  });
});

describe("readResource: a resource given as an object", () => {
  it("measures the nesting of the resource's own members, not of what it inherits", () => {
    let deep: object = {};
    for (let level = 0; level < 70; level += 1) deep = { nested: deep };
    const resource = Object.assign(Object.create(deep) as object, { resourceType: "Basic" });
    expect(read(resource)).toStrictEqual({ ok: true, format: "json", resource, issues: [] });
  });
});

describe("readResource: the limits, at the limit", () => {
  it("reads JSON of exactly 100,000 values", () => {
    // One for the root, one for the array, one per comma: 2 + 1 + 99,996 + 1 = 100,000.
    const zeros = Array(99_997).fill(0);
    const result = read(`{"resourceType":"Patient","a":[${zeros.join(",")}]}`);
    expect(result).toStrictEqual({
      ok: true,
      format: "json",
      resource: { resourceType: "Patient", a: zeros },
      issues: [],
    });
  });

  it.each([['"x"'], ["null"]])("reads an object nested 64 levels deep ending in %s", (leaf) => {
    const deepest = `{"resourceType":"Patient",${'"a":{'.repeat(63)}"b":${leaf}${"}".repeat(63)}}`;
    const parsed = JSON.parse(deepest) as object;
    expect(read(parsed)).toStrictEqual({
      ok: true,
      format: "json",
      resource: JSON.parse(deepest),
      issues: [],
    });
  });
});
