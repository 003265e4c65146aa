/**
 * npm run bench:sandbox [-- --store sqlite] — sustained write load on the sandbox, loopback only,
 * bounded in time: creates/s and updates/s with p50/p99 latency, then a check that every
 * acknowledged write is in history exactly once. The sandbox runs as its own process.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "../src/fhir/index.js";
import {
  checkHistory,
  type LoadReport,
  percentile,
  runWriteLoad,
  spawnSandbox,
} from "../src/testing/index.js";

const useSqlite = process.argv.includes("--store") && process.argv.includes("sqlite");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);
const store = useSqlite
  ? `sqlite:${join(mkdtempSync(join(tmpdir(), "ndop-bench-")), "sandbox.db")}`
  : "memory";

function line(name: string, report: LoadReport): string {
  const rate = report.acknowledged.length / (report.elapsedMs / 1000);
  const failed =
    Object.entries(report.failures)
      .map(([status, count]) => `${count}×${status}`)
      .join(" ") || "none";
  return `${name.padEnd(8)} ${rate.toFixed(0).padStart(6)}/s  p50 ${percentile(report.latenciesMs, 0.5).toFixed(2)} ms  p99 ${percentile(report.latenciesMs, 0.99).toFixed(2)} ms  (${report.acknowledged.length} acknowledged, failures: ${failed})`;
}

const sandbox = await spawnSandbox(["--store", store]);
try {
  await runWriteLoad({
    baseUrl: sandbox.baseUrl,
    kind: "create",
    durationMs: 1_000,
    maxRequests: 1e9,
    concurrency,
  });
  const creates = await runWriteLoad({
    baseUrl: sandbox.baseUrl,
    kind: "create",
    durationMs: seconds * 1000,
    maxRequests: 1e9,
    concurrency,
  });
  const targets = creates.acknowledged.slice(0, 2_000).map((write) => write.sent as JsonObject);
  const updates = await runWriteLoad({
    baseUrl: sandbox.baseUrl,
    kind: "update",
    targets,
    durationMs: seconds * 1000,
    maxRequests: 1e9,
    concurrency,
  });
  const check = await checkHistory(sandbox.baseUrl, [
    ...creates.acknowledged,
    ...updates.acknowledged,
  ]);
  console.log(
    `sandbox (${useSqlite ? "sqlite" : "memory"} store), ${concurrency} connections, ${seconds} s per phase, strict security, JSON, Prefer: return=minimal`,
  );
  console.log(line("creates", creates));
  console.log(line("updates", updates));
  console.log(
    `history: ${check.checkedConsents} Consents read back; lost ${check.lost.length}, duplicated ${check.duplicated.length}, versions without an acknowledgement ${check.unacknowledged}`,
  );
  if (check.lost.length > 0 || check.duplicated.length > 0) process.exitCode = 1;
} finally {
  sandbox.child.kill("SIGTERM");
  await sandbox.exited;
}
