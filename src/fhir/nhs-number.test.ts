import { describe, expect, it } from "vitest";
import {
  isSyntheticNhsNumber,
  isValidNhsNumber,
  syntheticNhsNumber,
  syntheticNhsNumbers,
} from "./nhs-number.js";

describe("NHS number Modulus 11 (contract section 8)", () => {
  it.each(["4505577104", "9000000009", "9990000018"])(
    "accepts %s, named valid by the contract",
    (number) => {
      expect(isValidNhsNumber(number)).toBe(true);
    },
  );

  it.each([
    ["6105551234", "the IG's example: wrong check digit"],
    ["6101231234", "the IG's example: wrong check digit"],
    ["9990000000", "check digit would be 10"],
    ["999000001", "nine digits"],
    ["99900000180", "eleven digits"],
    ["999 000 0018", "spaces"],
    ["999-000-0018", "hyphens"],
    ["", "empty"],
  ])("refuses %s (%s)", (number) => {
    expect(isValidNhsNumber(number)).toBe(false);
  });

  it("maps a remainder of 0 (check 11) to the check digit 0", () => {
    // 9990000050: weighted sum 253 = 23 × 11, so 11 − 0 = 11 → 0.
    expect(isValidNhsNumber("9990000050")).toBe(true);
    expect(isValidNhsNumber("9990000051")).toBe(false);
  });

  it("treats only valid 999-range numbers as synthetic", () => {
    expect(isSyntheticNhsNumber("9990000018")).toBe(true);
    expect(isSyntheticNhsNumber("9000000009")).toBe(false);
    // Valid, and starting 99 but not 999: outside the synthetic range.
    expect(isSyntheticNhsNumber("9980000015")).toBe(false);
    expect(isSyntheticNhsNumber("9990000019")).toBe(false);
  });
});

describe("synthetic NHS numbers", () => {
  it("starts at 9990000018 and gives distinct valid 999-range numbers", () => {
    const numbers = Array.from({ length: 500 }, (_, index) => syntheticNhsNumber(index));
    expect(numbers[0]).toBe("9990000018");
    expect(new Set(numbers).size).toBe(500);
    expect(numbers.every(isSyntheticNhsNumber)).toBe(true);
  });

  it("starts from the first number at or after a given stem, passing stems with no check digit", () => {
    // 999123456 has no check digit (the remainder gives 10), so its first number is 999123457's.
    const numbers = syntheticNhsNumbers(999_123_455);
    expect([0, 1, 2].map(() => numbers.next().value)).toEqual([
      "9991234551",
      "9991234578",
      "9991234586",
    ]);
  });

  it("ends with the range: from the last stem there is one number, then none", () => {
    expect([...syntheticNhsNumbers(999_999_999)]).toEqual(["9999999999"]);
  });
});
