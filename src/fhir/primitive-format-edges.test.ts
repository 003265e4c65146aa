import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { PrimitiveFormats } from "./primitive-formats.js";

const element = (type: string, value: unknown) => ({
  path: "P.x",
  type,
  value,
  multiple: false,
});

describe("PrimitiveFormats: edges of the value rules", () => {
  it("leaves an empty string to ele-1 and a null to the datatype check", () => {
    const formats = new PrimitiveFormats(loadBaseDefinitions().primitiveFormats);
    expect(formats.checkElement(element("date", ""))).toBeUndefined();
    expect(formats.checkElement(element("date", null))).toBeUndefined();
    expect(formats.checkElement(element("integer", null))).toBeUndefined();
  });

  it("quotes a pattern of 60 characters whole and cuts a longer one at 60", () => {
    const formats = new PrimitiveFormats({
      oid: { regex: "a".repeat(60) },
      uuid: { regex: "a".repeat(61) },
    });
    const issue = (type: string, pattern: string) => ({
      severity: "error",
      code: "value",
      location: "P.x",
      message: `"b" is not a valid FHIR ${type}: it does not match the STU3 pattern /${pattern}/.`,
      ruleId: "base-format",
      layer: "base",
    });
    expect(formats.check("oid", "b", "P.x")).toStrictEqual(issue("oid", "a".repeat(60)));
    expect(formats.check("uuid", "b", "P.x")).toStrictEqual(issue("uuid", `${"a".repeat(60)}…`));
  });
});
