import { describe, expect, it } from "vitest";
import { countJson, countParsedMembers } from "./json-scan.js";

describe("countJson: the deepest nesting and the values written", () => {
  // values: one for the text, one more for each comma and each object or array opened.
  it.each([
    ["[[[]],[]]", { members: 0, values: 6, depth: 3 }],
    ["[ [ ] ]", { members: 0, values: 3, depth: 2 }],
    ["[[],[],[]]", { members: 0, values: 7, depth: 2 }],
    ['{"a":{},"b":{},"c":{}}', { members: 3, values: 7, depth: 2 }],
    ['[{"a":1},{"b":[2]},{}]', { members: 2, values: 8, depth: 3 }],
    ['{"a":[[]],"b":{"c":[]}}', { members: 3, values: 7, depth: 3 }],
  ])("%s: %j", (text, counts) => {
    expect(countJson(text)).toEqual(counts);
  });

  it("goes on after a string that opens the text and closes at once", () => {
    expect(countJson('"":{"a":[]}')).toEqual({ members: 2, values: 3, depth: 2 });
  });
});

describe("countParsedMembers: the members of every object, and nothing else", () => {
  it.each([
    ["a string", "abc", 0],
    ["a number", 12, 0],
    ["null", null, 0],
    ["an array of strings and nulls", ["ab", null, "cd", 5, true], 0],
    ["an object of strings", { a: "xyz", b: "uvw" }, 2],
    ["nested objects and arrays", { a: [{ b: "xy", c: null }, "zz", [{ d: 1 }]], e: { f: {} } }, 6],
  ])("%s: %d", (_, value, members) => {
    expect(countParsedMembers(value)).toBe(members);
  });
});
