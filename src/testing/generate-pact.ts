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
    let run = runBuiltCli(["pact", "generate", "--out", outDir], env);
    // The Pact core sometimes reports a request it answered as "not received" (a race inside it,
    // seen on a loaded machine with the code before this helper as well): that one failure is
    // retried, twice at most. A request the client really does not send fails all three times.
    for (let retry = 0; retry < 2 && /expected but not received/.test(run.stderr); retry += 1)
      run = runBuiltCli(["pact", "generate", "--out", outDir], env);
    return run;
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
