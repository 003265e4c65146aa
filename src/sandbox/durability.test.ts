import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { checkHistory, runWriteLoad, type SandboxProcess, spawnSandbox } from "../testing/index.js";

const running: SandboxProcess[] = [];
afterAll(() => {
  for (const sandbox of running) sandbox.child.kill("SIGKILL");
});

describe("the SQLite store survives SIGKILL in the middle of a write load", () => {
  it("keeps every write that got a 2xx, exactly once, after a restart", async () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), "ndop-kill-")), "sandbox.db")}`;
    const first = await spawnSandbox(["--store", store]);
    running.push(first);
    const created = await runWriteLoad({
      baseUrl: first.baseUrl,
      kind: "create",
      durationMs: 20_000,
      maxRequests: 200,
      concurrency: 8,
    });
    expect(created.acknowledged).toHaveLength(200);

    let acknowledgedUpdates = 0;
    const updates = await runWriteLoad({
      baseUrl: first.baseUrl,
      kind: "update",
      targets: created.acknowledged.map((write) => write.sent as JsonObject),
      durationMs: 5_000,
      maxRequests: 20_000,
      concurrency: 16,
      onAcknowledged: () => {
        acknowledgedUpdates += 1;
        // Kill it mid-load: updates are still in flight on 16 connections.
        if (acknowledgedUpdates === 300) first.child.kill("SIGKILL");
      },
    });
    expect(await first.exited).toBe("SIGKILL");
    expect(updates.failures[0] ?? 0, "requests cut off by the kill").toBeGreaterThan(0);

    const second = await spawnSandbox(["--store", store]);
    running.push(second);
    const check = await checkHistory(second.baseUrl, [
      ...created.acknowledged,
      ...updates.acknowledged,
    ]);
    expect(check.checkedConsents).toBe(200);
    expect(updates.acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(check.lost).toEqual([]);
    expect(check.duplicated).toEqual([]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
