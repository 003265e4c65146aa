/**
 * npm run bench:sandbox-kill — the durable store against SIGKILL: 500 creates, then an update
 * load on 16 connections, killed with kill -9 after 2,000 acknowledged updates; restarted on the
 * same file, every acknowledged write must be in history exactly once. Loopback only.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "../src/fhir/index.js";
import { checkHistory, runWriteLoad, spawnSandbox } from "../src/testing/index.js";

const store = `sqlite:${join(mkdtempSync(join(tmpdir(), "ndop-kill-")), "sandbox.db")}`;
const first = await spawnSandbox(["--store", store]);
const created = await runWriteLoad({
  baseUrl: first.baseUrl,
  kind: "create",
  durationMs: 20_000,
  maxRequests: 500,
  concurrency: 8,
});
let acknowledged = 0;
const updates = await runWriteLoad({
  baseUrl: first.baseUrl,
  kind: "update",
  targets: created.acknowledged.map((write) => write.sent as JsonObject),
  durationMs: 5_000,
  maxRequests: 50_000,
  concurrency: 16,
  onAcknowledged: () => {
    acknowledged += 1;
    if (acknowledged === 2_000) first.child.kill("SIGKILL");
  },
});
console.log(
  `killed (${String(await first.exited)}) with ${created.acknowledged.length} creates and ${updates.acknowledged.length} updates acknowledged; ${updates.failures[0] ?? 0} requests found it gone`,
);
const second = await spawnSandbox(["--store", store]);
try {
  const check = await checkHistory(second.baseUrl, [
    ...created.acknowledged,
    ...updates.acknowledged,
  ]);
  console.log(
    `after restart: ${check.checkedConsents} Consents read back; lost ${check.lost.length}, duplicated ${check.duplicated.length}, stored but never acknowledged ${check.unacknowledged}`,
  );
  if (check.lost.length > 0 || check.duplicated.length > 0) process.exitCode = 1;
} finally {
  second.child.kill("SIGTERM");
  await second.exited;
}
