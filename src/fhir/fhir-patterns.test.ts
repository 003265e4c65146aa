import { describe, expect, it } from "vitest";
import { FHIR_ID, modulus11CheckDigit, versionOfEtag } from "./index.js";

describe("the shared FHIR patterns", () => {
  it("takes 1 to 64 letters, digits, '-' and '.' as an id, and nothing else", () => {
    expect(["a", "A-1.b", "x".repeat(64)].map((id) => FHIR_ID.test(id))).toEqual([
      true,
      true,
      true,
    ]);
    expect(["", "x".repeat(65), "a b", "a/b", "a_b"].map((id) => FHIR_ID.test(id))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads the version a weak or strong ETag names", () => {
    expect([`W/"3"`, `"v2"`, "3", `W/""`, undefined].map(versionOfEtag)).toEqual([
      "3",
      "v2",
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("computes the Modulus 11 check digit, with none when the remainder gives 10", () => {
    // 943 476 591 9 is the NHS's published example; 999000001 gives 8 (9990000018).
    expect(modulus11CheckDigit("943476591")).toBe(9);
    expect(modulus11CheckDigit("999000001")).toBe(8);
    expect(modulus11CheckDigit("999000000")).toBe(undefined);
  });
});
