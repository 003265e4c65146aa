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
    // SIGKILL is sent only from the 300th acknowledgement, so the kill landed during the load.
    // How many updates were answered before it is up to timing; every request is accounted for
    // exactly: acknowledged, or cut off with no answer (status 0), and none was answered otherwise.
    const cutOff = updates.requests - updates.acknowledged.length;
    expect(updates.failures, "updates without a 2xx, by status").toEqual({ 0: cutOff });
    expect(check.checkedConsents).toBe(200);
    expect(check.lost).toEqual([]);
    expect(check.duplicated).toEqual([]);
  });
});
