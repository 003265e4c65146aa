import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import type { VisitedElement } from "./element-walker.js";
import { PrimitiveFormats } from "./primitive-formats.js";

/** Built inside each test, so that mutation testing counts the compiling of the checks. */
const formats = () => new PrimitiveFormats(loadBaseDefinitions().primitiveFormats);

/** The message for one value, or undefined when the value keeps its type's rule. */
function problem(type: string, value: unknown): string | undefined {
  return formats().check(type, value, "Resource.x")?.message;
}

const element = (type: string, value: unknown): VisitedElement => ({
  path: "Consent.x",
  type,
  value,
  multiple: false,
});

describe("PrimitiveFormats: what each broken rule says", () => {
  it("describes the id and instant patterns in words, and short patterns as they are", () => {
    expect(problem("id", "a b")).toBe(
      `"a b" is not a valid FHIR id: it does not match the STU3 pattern (1 to 64 of A-Z, a-z, 0-9, '-' and '.').`,
    );
    expect(problem("instant", "2020")).toBe(
      '"2020" is not a valid FHIR instant: it does not match the STU3 pattern (date, time with seconds, and a time zone).',
    );
    expect(problem("uri", "a b")).toBe(
      String.raw`"a b" is not a valid FHIR uri: it does not match the STU3 pattern /\S*/.`,
    );
    expect(problem("time", "25:00")).toBe(
      String.raw`"25:00" is not a valid FHIR time: it does not match the STU3 pattern /([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?/.`,
    );
  });

  it("cuts a pattern longer than 60 characters", () => {
    expect(problem("dateTime", "x")).toBe(
      '"x" is not a valid FHIR dateTime: it does not match the STU3 pattern /-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1])(T([0…/.',
    );
  });

  it("says when a text is longer than its type allows", () => {
    const long = "x".repeat(1048577);
    expect(problem("markdown", long)).toBe(
      `"${"x".repeat(79)}… (1048579 characters) is not a valid FHIR markdown: it is longer than 1048576 characters.`,
    );
    expect(problem("string", "x".repeat(1048576))).toBeUndefined();
  });

  it("says when an integer is not whole or out of its type's range", () => {
    expect(problem("integer", 1.5)).toBe(
      "1.5 is not a valid FHIR integer: it is not a whole number.",
    );
    expect(problem("positiveInt", 0)).toBe(
      "0 is not a valid FHIR positiveInt: it is outside 1 to 2147483647.",
    );
    expect(problem("unsignedInt", -1)).toBe(
      "-1 is not a valid FHIR unsignedInt: it is outside 0 to 2147483647.",
    );
    expect(problem("integer", 2147483648)).toBe(
      "2147483648 is not a valid FHIR integer: it is outside -2147483648 to 2147483647.",
    );
    expect([problem("integer", -2147483648), problem("positiveInt", 1)]).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("leaves a wrong JSON type to the datatype check, and refuses only infinite decimals", () => {
    expect([problem("integer", "7"), problem("uri", 7), problem("decimal", "1")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(problem("decimal", 1.5)).toBeUndefined();
    expect(problem("decimal", Number.POSITIVE_INFINITY)).toBe(
      "null is not a valid FHIR decimal: it is not finite.",
    );
  });
});

describe("PrimitiveFormats.checkElement", () => {
  it("judges primitives only, and leaves empty and null values to other rules", () => {
    const checks = formats();
    expect(checks.checkElement(element("code", " x"))).toStrictEqual({
      severity: "error",
      code: "value",
      location: "Consent.x",
      message: String.raw`" x" is not a valid FHIR code: it does not match the STU3 pattern /[^\s]+([\s]?[^\s]+)*/.`,
      ruleId: "base-format",
      layer: "base",
    });
    expect(checks.checkElement(element("code", ""))).toBeUndefined();
    expect(checks.checkElement(element("decimal", null))).toBeUndefined();
    expect(checks.checkElement(element("Coding", " x"))).toBeUndefined();
  });
});
