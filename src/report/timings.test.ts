import { describe, expect, it } from "vitest";
import { checkResult } from "../testing/check-results.js";
import type { CheckResult } from "./check-result.js";
import { formatMs, renderTimings, slowestChecks } from "./timings.js";

function check(
  checkId: string,
  durationMs: number,
  state: CheckResult["state"] = "passed",
): CheckResult {
  return checkResult(checkId, { state, durationMs });
}

describe("check timings", () => {
  const checks = [
    check("a", 10),
    check("b", 1500),
    check("c", 30, "failed"),
    check("d", 5000, "skipped"),
    check("e", 30),
    check("f", 2),
    check("g", 700),
  ];

  it("names the five slowest checks that ran, slowest first, ties by id", () => {
    expect(slowestChecks(checks).map((c) => c.checkId)).toEqual(["b", "g", "c", "e", "a"]);
  });

  it("renders the slowest first, then every check in run order", () => {
    expect(renderTimings(checks)).toEqual([
      "## The 5 slowest checks",
      "",
      "| check | state | time |",
      "| --- | --- | --- |",
      "| `b` | passed | 1.50 s |",
      "| `g` | passed | 700 ms |",
      "| `c` | failed | 30 ms |",
      "| `e` | passed | 30 ms |",
      "| `a` | passed | 10 ms |",
      "",
      "## Time per check",
      "",
      "| check | state | time |",
      "| --- | --- | --- |",
      ...["| `a` | passed | 10 ms |", "| `b` | passed | 1.50 s |", "| `c` | failed | 30 ms |"],
      ...["| `d` | skipped | 5.00 s |", "| `e` | passed | 30 ms |", "| `f` | passed | 2 ms |"],
      "| `g` | passed | 700 ms |",
      "",
    ]);
    expect(renderTimings([])).toEqual([]);
  });

  it("formats milliseconds below a second, seconds above", () => {
    expect([formatMs(999.4), formatMs(1000), formatMs(12_345)]).toEqual([
      "999 ms",
      "1.00 s",
      "12.35 s",
    ]);
  });
});
