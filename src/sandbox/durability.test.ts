import { describe, expect, it } from "vitest";
import { killDuringWrites } from "../testing/index.js";

describe("the SQLite store survives SIGKILL in the middle of a write load", () => {
  it("keeps every write that got a 2xx, exactly once, after a restart", async () => {
    const { exited, created, updates, check } = await killDuringWrites({
      creates: 200,
      killAfterUpdates: 300,
    });
    expect(created.acknowledged).toHaveLength(200);
    expect(exited).toBe("SIGKILL");
    expect(updates.failures[0] ?? 0, "requests cut off by the kill").toBeGreaterThan(0);
    expect(check.checkedConsents).toBe(200);
    expect(updates.acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(check.lost).toEqual([]);
    expect(check.duplicated).toEqual([]);
  });
});
