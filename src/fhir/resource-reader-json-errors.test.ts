import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { readResource } from "./resource-reader.js";

/**
 * The one message readResource gives for JSON it cannot parse. The inputs are chosen so that V8's own
 * wording is the same on Node 20, 22 and 24 (V8 rewords some errors between releases).
 */
function parseMessage(text: string): string | undefined {
  const read = readResource(text, loadBaseDefinitions().parser.parsedStructureDefinitions);
  return read.ok ? undefined : read.issues.map((issue) => issue.message).join("|");
}

describe("readResource: where broken JSON breaks", () => {
  it("counts the line and column up to the position V8 names, not past it", () => {
    expect(parseMessage('{"a":1,\n "b":2 3,\n"c":3}')).toBe(
      "The JSON is not well-formed: Expected ',' or '}' after property value at line 2, column 8.",
    );
  });

  it("drops V8's own position even when it is a single digit", () => {
    expect(parseMessage('{"a":\n[1')).toBe(
      "The JSON is not well-formed: Expected ',' or ']' after array element at line 2, column 3.",
    );
  });

  it("names the end of the text when V8 gives no position, on one line", () => {
    expect(parseMessage('{"a":\r\nbc,\n"d":1}')).toBe(
      `The JSON is not well-formed: Unexpected token 'b', "{"a":\\r\\nbc,\\n"d":1}" is not valid JSON (after line 3, column 7).`,
    );
  });
});
