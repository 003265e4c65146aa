import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "../fhir/index.js";
import { checkHistory, type HistoryCheck, spawnSandbox } from "./sandbox-process.js";
import { type LoadReport, runWriteLoad } from "./write-load.js";

export interface KillOutcome {
  /** How the first sandbox ended: "SIGKILL" when the kill landed. */
  exited: number | NodeJS.Signals;
  created: LoadReport;
  updates: LoadReport;
  /** Every acknowledged write looked up in history after the restart. */
  check: HistoryCheck;
}

/**
 * The durable store against kill -9: creates, then an update load on 16 connections, with the
 * SQLite sandbox killed after `killAfterUpdates` acknowledged updates; then a sandbox restarted on
 * the same file is asked for every acknowledged write. Loopback only.
 */
export async function killDuringWrites(options: {
  creates: number;
  killAfterUpdates: number;
}): Promise<KillOutcome> {
  const store = `sqlite:${join(mkdtempSync(join(tmpdir(), "ndop-kill-")), "sandbox.db")}`;
  const first = await spawnSandbox(["--store", store]);
  let acknowledged = 0;
  try {
    const created = await runWriteLoad({
      baseUrl: first.baseUrl,
      kind: "create",
      durationMs: 20_000,
      maxRequests: options.creates,
      concurrency: 8,
    });
    const updates = await runWriteLoad({
      baseUrl: first.baseUrl,
      kind: "update",
      targets: created.acknowledged.map((write) => write.sent as JsonObject),
      durationMs: 5_000,
      maxRequests: 50_000,
      concurrency: 16,
      onAcknowledged: () => {
        acknowledged += 1;
        if (acknowledged === options.killAfterUpdates) first.child.kill("SIGKILL");
      },
    });
    const exited = await first.exited;
    const second = await spawnSandbox(["--store", store]);
    try {
      const check = await checkHistory(second.baseUrl, [
        ...created.acknowledged,
        ...updates.acknowledged,
      ]);
      return { exited, created, updates, check };
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  } finally {
    first.child.kill("SIGKILL");
  }
}
