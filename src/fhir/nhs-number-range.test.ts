import { expect, it } from "vitest";
import { ConformanceError } from "../errors/index.js";
import { thrownBy } from "../testing/thrown.js";
import { syntheticNhsNumber } from "./nhs-number.js";

// The synthetic range ends at 9999999999: 9 × (10 + 9 + … + 2) = 486 = 44 × 11 + 2, check 11 − 2 = 9.
const LAST_INDEX = 909_090;

it("ends the synthetic range with 9999999999, its 909091st valid number", () => {
  expect(syntheticNhsNumber(LAST_INDEX)).toBe("9999999999");
  expect(syntheticNhsNumber(LAST_INDEX - 1)).toBe("9999999980");
});

it("refuses an index past the end of the synthetic range, saying how many there are", () => {
  const index = LAST_INDEX + 1;
  const error = thrownBy(() => syntheticNhsNumber(index));
  expect(error).toBeInstanceOf(ConformanceError);
  expect((error as ConformanceError).code).toBe("PATIENTS_EXHAUSTED");
  expect((error as ConformanceError).message).toBe(
    "There are fewer than 909092 synthetic NHS numbers.",
  );
  expect((error as ConformanceError).context).toEqual({ index });
});
