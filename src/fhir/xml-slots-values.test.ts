import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-object.js";
import { jsonValueOf, putValue } from "./xml-slots.js";

describe("jsonValueOf: XML primitive text as FHIR JSON's types", () => {
  it("reads true and false as booleans for a boolean, and keeps any other text as text", () => {
    expect(jsonValueOf("boolean", "true")).toBe(true);
    expect(jsonValueOf("boolean", "false")).toBe(false);
    expect(jsonValueOf("boolean", "yes")).toBe("yes");
    expect(jsonValueOf("boolean", "TRUE")).toBe("TRUE");
  });

  it("keeps true and false as text for a type that is not boolean", () => {
    expect(jsonValueOf("string", "true")).toBe("true");
    expect(jsonValueOf("code", "false")).toBe("false");
  });

  it("reads numbers with signs, fractions and exponents for every numeric type", () => {
    const read = (text: string) => jsonValueOf("decimal", text);
    expect(read("0")).toBe(0);
    expect(read("10")).toBe(10);
    expect(read("-1.5")).toBe(-1.5);
    expect(read("1e3")).toBe(1000);
    expect(read("1E3")).toBe(1000);
    expect(read("1e10")).toBe(1e10);
    expect(read("2e+10")).toBe(2e10);
    expect(read("5e-1")).toBe(0.5);
    expect(read("-0.25e2")).toBe(-25);
    expect(jsonValueOf("integer", "42")).toBe(42);
    expect(jsonValueOf("unsignedInt", "7")).toBe(7);
    expect(jsonValueOf("positiveInt", "8")).toBe(8);
  });

  it("keeps text that is not a JSON number as text", () => {
    const kept = [
      "x1",
      "1x",
      "1ex",
      "1e",
      "1e+",
      "e3",
      "01",
      "1.",
      ".5",
      "-",
      "+1",
      "1.5.2",
      "1e3x",
      "",
    ];
    for (const text of kept) expect(jsonValueOf("decimal", text)).toBe(text);
  });

  it("keeps a number as text for a type that is not numeric", () => {
    expect(jsonValueOf("string", "1e3")).toBe("1e3");
  });
});

describe("putValue: where a value lands", () => {
  it("leaves no key for a single element with no value", () => {
    const target: JsonObject = {};
    putValue({ target, name: "status", index: 0, multiple: false }, undefined);
    expect(Object.keys(target)).toStrictEqual([]);
  });

  it("puts null for a repeat with no value, and the value for one with a value", () => {
    const target: JsonObject = {};
    putValue({ target, name: "given", index: 0, multiple: true }, undefined);
    putValue({ target, name: "given", index: 1, multiple: true }, "Ann");
    putValue({ target, name: "status", index: 0, multiple: false }, "active");
    expect(target).toStrictEqual({ given: [null, "Ann"], status: "active" });
  });
});
