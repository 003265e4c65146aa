import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { Pool } from "undici";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import { DEFAULT_SETTINGS } from "../sandbox/index.js";
import { BUILT_CLI as CLI } from "./built-cli.js";
import type { AcknowledgedWrite } from "./write-load.js";

export interface SandboxProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Every line the sandbox printed so far. */
  output: string[];
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
}

/** Runs `ndop-conformance sandbox` as its own process on a free loopback port (under `node`). */
export async function spawnSandbox(
  args: string[],
  node: string = process.execPath,
): Promise<SandboxProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first.`);
  const child = spawn(node, [CLI, "sandbox", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code ?? 0)),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sandbox did not start: ${output.join("\n")}`)),
      15_000,
    );
    let started = false;
    const collect = (stream: NodeJS.ReadableStream) => {
      // The sandbox writes its log in batches: a line may arrive in two chunks.
      let partial = "";
      stream.on("end", () => partial && output.push(partial));
      stream.on("data", (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          output.push(line);
          const match = started ? null : /NDOP sandbox at (\S+)/.exec(line);
          if (match?.[1]) {
            started = true;
            clearTimeout(timer);
            resolve(match[1]);
          }
        }
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    void exited.then(() => reject(new Error(`sandbox exited: ${output.join("\n")}`)));
  });
  return { baseUrl, child, output, exited };
}

export interface HistoryCheck {
  checkedConsents: number;
  /** Acknowledged versions not in history. */
  lost: AcknowledgedWrite[];
  /** Acknowledged versions listed more than once. */
  duplicated: AcknowledgedWrite[];
  /** Versions in history that no acknowledgement named (a write answered too late, say). */
  unacknowledged: number;
}

/** Reads the instance history of every acknowledged Consent and finds each acknowledged version in it. */
export async function checkHistory(
  baseUrl: string,
  acknowledged: AcknowledgedWrite[],
): Promise<HistoryCheck> {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin, { connections: 16 });
  const byId = new Map<string, Set<string>>();
  for (const write of acknowledged)
    byId.set(write.id, (byId.get(write.id) ?? new Set()).add(write.versionId));
  const result: HistoryCheck = {
    checkedConsents: byId.size,
    lost: [],
    duplicated: [],
    unacknowledged: 0,
  };
  const ids = [...byId.keys()];
  const worker = async () => {
    for (let id = ids.pop(); id !== undefined; id = ids.pop()) {
      const response = await pool.request({
        method: "GET",
        path: `${url.pathname}/Consent/${id}/_history`,
        headers: {
          Accept: "application/fhir+json",
          ...buildSpineHeaders(
            SANDBOX_IDENTITY,
            DEFAULT_SETTINGS.interactionIds["history-instance"],
          ),
        },
      });
      const bundle = (await response.body.json()) as {
        entry?: { resource: { meta: { versionId: string } } }[];
      };
      const listed = (bundle.entry ?? []).map((entry) => entry.resource.meta.versionId);
      const expected = byId.get(id) ?? new Set();
      for (const versionId of expected) {
        const count = listed.filter((candidate) => candidate === versionId).length;
        if (count === 0) result.lost.push({ id, versionId });
        if (count > 1) result.duplicated.push({ id, versionId });
      }
      result.unacknowledged += listed.filter((candidate) => !expected.has(candidate)).length;
    }
  };
  try {
    await Promise.all(Array.from({ length: 16 }, worker));
  } finally {
    await pool.close();
  }
  return result;
}
