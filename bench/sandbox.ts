/**
 * npm run bench:sandbox [-- --store memory|sqlite] — sustained write load on the sandbox, loopback
 * only, bounded in time, for both stores (or the one named): creates/s and updates/s with p50/p99
 * latency and the CPU time per request of the sandbox process and of this load generator, then a
 * check that every acknowledged write is in history exactly once. The sandbox runs as its own
 * process, under strict security; 32 connections unless BENCH_CONNECTIONS says otherwise. Last,
 * the floor: the same load against a server that does no work (bench/http-floor.ts).
 */
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "../src/fhir/index.js";
import {
  checkHistory,
  runWriteLoad,
  type SandboxProcess,
  spawnSandbox,
} from "../src/testing/index.js";
import { httpFloor } from "./http-floor.js";
import { measurePhase, type Phase, phaseLine } from "./load-phase.js";
import { watchSteal } from "./machine-steal.js";

const storeArgument = process.argv[process.argv.indexOf("--store") + 1];
if (process.argv.includes("--store") && storeArgument !== "memory" && storeArgument !== "sqlite") {
  console.error("--store takes memory or sqlite.");
  process.exit(2);
}
const stores = process.argv.includes("--store") ? [storeArgument] : ["memory", "sqlite"];
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);

function phase(
  sandbox: SandboxProcess,
  kind: "create" | "update",
  targets?: JsonObject[],
): Promise<Phase> {
  return measurePhase(sandbox.child.pid, () =>
    runWriteLoad({
      baseUrl: sandbox.baseUrl,
      kind,
      ...(targets ? { targets } : {}),
      durationMs: seconds * 1000,
      maxRequests: 1e9,
      concurrency,
    }),
  );
}

function line(name: string, phase: Phase): string {
  const { acknowledged, failures } = phase.report;
  const failed =
    Object.entries(failures)
      .map(([status, count]) => `${count}×${status}`)
      .join(" ") || "none";
  return phaseLine(
    name,
    "sandbox",
    phase,
    `${acknowledged.length} acknowledged, failures: ${failed}`,
  );
}

async function benchStore(store: string): Promise<boolean> {
  const spec =
    store === "sqlite"
      ? `sqlite:${join(mkdtempSync(join(tmpdir(), "ndop-bench-")), "sandbox.db")}`
      : "memory";
  const sandbox = await spawnSandbox(["--store", spec]);
  try {
    await runWriteLoad({
      baseUrl: sandbox.baseUrl,
      kind: "create",
      durationMs: 1_000,
      maxRequests: 1e9,
      concurrency,
    });
    const creates = await phase(sandbox, "create");
    const targets = creates.report.acknowledged.slice(0, 2_000).map((write) => write.sent);
    const updates = await phase(sandbox, "update", targets as JsonObject[]);
    const check = await checkHistory(sandbox.baseUrl, [
      ...creates.report.acknowledged,
      ...updates.report.acknowledged,
    ]);
    console.log(
      `sandbox, ${store} store, ${concurrency} connections, ${seconds} s per phase, strict security, JSON, Prefer: return=minimal`,
    );
    console.log(line("creates", creates));
    console.log(line("updates", updates));
    console.log(
      `  history: ${check.checkedConsents} Consents read back; lost ${check.lost.length}, duplicated ${check.duplicated.length}, versions without an acknowledgement ${check.unacknowledged}`,
    );
    return check.lost.length === 0 && check.duplicated.length === 0;
  } finally {
    sandbox.child.kill("SIGTERM");
    await sandbox.exited;
  }
}

console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")} (the rates share the machine; the CPU per request is the steadier figure)`,
);
const steal = watchSteal();
for (const store of stores) {
  if (!(await benchStore(store as string))) process.exitCode = 1;
}
console.log(
  `the same load against a server that does no work, ${concurrency} connections, ${seconds} s:`,
);
console.log(await httpFloor(seconds, concurrency));
console.log(steal());
