import { beforeAll, describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { PrimitiveFormats } from "./primitive-formats.js";

let formats: PrimitiveFormats;
beforeAll(() => {
  formats = new PrimitiveFormats(loadBaseDefinitions().primitiveFormats);
});

const ruleOf = (type: string, value: unknown) => formats.check(type, value, "X.value")?.ruleId;

describe("STU3 primitive value rules (regexes from profiles-types.json, the rest from the datatypes page)", () => {
  it.each([
    ["uuid", "urn:uuid:c757873d-ec9a-4326-a141-556f43239520"],
    ["oid", "urn:oid:1.2.3"],
    ["id", "a".repeat(64)],
    ["instant", "2015-02-07T13:28:17.239+02:00"],
    ["instant", "2017-01-01T00:00:00Z"],
    ["dateTime", "2015-02-07T13:28:17-05:00"],
    ["date", "2018"],
    ["time", "00:00:00"],
    ["code", "ab c"],
    ["uri", "urn:x"],
    ["base64Binary", "aGVs bG8="],
    ["integer", -2147483648],
    ["unsignedInt", 2147483647],
    ["positiveInt", 1],
    ["decimal", 3.14],
    ["string", "x"],
  ])("accepts the %s %j", (type, value) => {
    expect(ruleOf(type, value)).toBeUndefined();
  });

  it.each([
    ["uuid", "urn:uuid:C757873D-EC9A-4326-A141-556F43239520"],
    ["uuid", "c757873d-ec9a-4326-a141-556f43239520"],
    ["oid", "1.2.3"],
    ["id", "a".repeat(65)],
    ["id", "a_b"],
    ["instant", "2015-02-07T13:28:17"],
    ["instant", "2015-02-07"],
    ["dateTime", "2015-02-07T13:28"],
    ["date", "2018-02-30T00:00:00Z"],
    ["time", "24:00:00"],
    ["code", "a\t\tb"],
    ["uri", "a b"],
    ["base64Binary", "abc"],
    ["integer", 2.5],
    ["unsignedInt", -1],
    ["positiveInt", 0],
    ["string", "x".repeat(1024 * 1024 + 1)],
  ])("refuses the %s %j as base-format", (type, value) => {
    expect(ruleOf(type, value)).toBe("base-format");
  });
});
