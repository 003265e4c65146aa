import { describe, expect, it } from "vitest";
import { median, middleHalf, pairedDifference, quantile } from "./statistics.js";

describe("the benches' statistics", () => {
  it("takes the median of odd and even counts, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("takes quartiles from the sorted values", () => {
    const values = [8, 1, 7, 2, 6, 3, 5, 4];
    expect([0.25, 0.5, 0.75].map((fraction) => quantile(values, fraction))).toEqual([3, 5, 7]);
    expect(quantile([9], 0.75)).toBe(9);
    expect(middleHalf(values)).toEqual({ median: 5, low: 3, high: 7 });
  });

  it("pairs the sides round by round, not value by value", () => {
    // A slow round for both (the second) stays one round: this side is 0.1 s faster in each.
    const theirs = [2.0, 3.6, 2.2];
    const mine = [1.9, 3.5, 2.1];
    const paired = pairedDifference(mine, theirs);
    expect([paired.low, paired.median, paired.high].map((s) => s.toFixed(3))).toEqual([
      "-0.100",
      "-0.100",
      "-0.100",
    ]);
    // Rounds given in another order pair other runs.
    const shuffled = pairedDifference([3.5, 1.9, 2.1], theirs);
    expect([shuffled.low, shuffled.median, shuffled.high].map((s) => s.toFixed(1))).toEqual([
      "-1.7",
      "-0.1",
      "1.5",
    ]);
  });

  it("refuses sides of different lengths", () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(
      "paired rounds need as many of each side: 2 and 1",
    );
  });
});
