/**
 * npm run bench:sandbox-kill — the durable store against SIGKILL: 500 creates, then an update
 * load on 16 connections, killed with kill -9 after 2,000 acknowledged updates; restarted on the
 * same file, every acknowledged write must be in history exactly once. Loopback only.
 */
import { killDuringWrites } from "../src/testing/index.js";

const { exited, created, updates, check } = await killDuringWrites({
  creates: 500,
  killAfterUpdates: 2_000,
});
console.log(
  `killed (${String(exited)}) with ${created.acknowledged.length} creates and ${updates.acknowledged.length} updates acknowledged; ${updates.failures[0] ?? 0} requests found it gone`,
);
console.log(
  `after restart: ${check.checkedConsents} Consents read back; lost ${check.lost.length}, duplicated ${check.duplicated.length}, stored but never acknowledged ${check.unacknowledged}`,
);
if (check.lost.length > 0 || check.duplicated.length > 0) process.exitCode = 1;
