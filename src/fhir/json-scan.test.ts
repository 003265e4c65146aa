import { describe, expect, it } from "vitest";
import { countJson, countParsedMembers, findDuplicateMember } from "./json-scan.js";

describe("countJson: members written in the text, strings and escapes understood", () => {
  it.each([
    ['{"a":"x:y","b":[1,2,{"c":"\\\\"}]}', 3],
    ['{"a":"q\\":,{["}', 1],
    ['{"a\\\\":1}', 1],
    ['{ "a" : 1 , "a" : 2 }', 2],
  ])("%s has %i members", (text, members) => {
    expect(countJson(text).members).toBe(members);
  });

  it("differs from the parsed count exactly when a name repeats in one object", () => {
    const twice = '{"a":{"b":1,"b":2},"c":[{"b":1},{"b":2}]}';
    expect(countJson(twice).members - countParsedMembers(JSON.parse(twice))).toBe(1);
    const once = '{"a":{"b":1},"c":[{"b":1},{"b":2}]}';
    expect(countJson(once).members - countParsedMembers(JSON.parse(once))).toBe(0);
  });
});

describe("findDuplicateMember: where the repeated name is", () => {
  it.each([
    ['{"status":"a","status":"b"}', "Consent.status"],
    ['{"purpose":[{"code":"1"},{"code":"2","code":"3"}]}', "Consent.purpose[1].code"],
    ['{"a":[[1],[{"x":"}\\"","x":1}]]}', "Consent.a[1][0].x"],
    ['{"a":{"b":1}, "c":{"b":1}}', undefined],
  ])("%s: %s", (text, location) => {
    expect(findDuplicateMember(text, "Consent")).toBe(location);
  });
});

describe("json-scan: escaped quotes, spacing and value strings", () => {
  it("reads past an escaped quote inside a string", () => {
    expect(countJson('{"a":"q\\":x","b":1}').members).toBe(2);
  });

  it("finds a repeated name with spaces before its colon", () => {
    expect(findDuplicateMember('{"a" \n: 1, "a"\t:2}', "Consent")).toBe("Consent.a");
  });

  it("takes a string value that equals a later name for a value, not a name", () => {
    expect(findDuplicateMember('{"a":"b","b":1}', "Consent")).toBeUndefined();
    expect(findDuplicateMember('{"a":["b", "c"],"b":1,"c":2}', "Consent")).toBeUndefined();
  });

  it("takes no string outside an object for a name, even before a colon", () => {
    expect(findDuplicateMember('["a":1,"a":2]', "Consent")).toBeUndefined();
    expect(findDuplicateMember('"a":1', "Consent")).toBeUndefined();
  });

  it("reads on past a comma outside every container", () => {
    expect(findDuplicateMember('1,{"a":1,"a":2}', "Consent")).toBe("Consent.a");
  });

  it("finds no name in a text that is only a string", () => {
    expect(findDuplicateMember('"x"', "Consent")).toBeUndefined();
  });
});
