import { mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBuiltCli } from "./run-cli.js";

const LOCK = join(tmpdir(), "ndop-conformance-pact-generate.lock");
/** A lock older than this was left by a process that died: it is taken over. */
const STALE_MS = 120_000;

/**
 * `pact generate` as a test fixture, one at a time across test files: Pact mock servers recording
 * at once in different processes lose interactions more often (3 of 12 concurrent runs failed,
 * with the code before this helper too), so test files take turns.
 */
export function generatePactFile(outDir: string, env: NodeJS.ProcessEnv = {}) {
  const deadline = Date.now() + 2 * STALE_MS;
  while (!tryLock()) {
    if (Date.now() > deadline) throw new Error(`${LOCK} was never released`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  try {
    // pact generate records again an interaction the mock server says it never received after
    // answering it (src/pact/mock-server-race.ts), so its first run is the one judged.
    return runBuiltCli(["pact", "generate", "--out", outDir], env);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS)
        rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // Released between the two calls: the next try takes it.
    }
    return false;
  }
}
