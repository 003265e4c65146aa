/**
 * The floor row of npm run bench:sandbox: the same load generator against a server that does no
 * work but answer (bench/empty-server.mjs), in its own process, on the same cores. What the
 * sandbox adds to its CPU per request, and what is left of the machine for it, read against this.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runWriteLoad } from "../src/testing/index.js";
import { measurePhase, phaseLine } from "./load-phase.js";

const SERVER = fileURLToPath(new URL("./empty-server.mjs", import.meta.url));

export async function httpFloor(seconds: number, concurrency: number): Promise<string> {
  const server = fork(SERVER, [], { stdio: "ignore" });
  try {
    const port = await new Promise<number>((resolve) =>
      server.once("message", (m) => resolve(Number(m))),
    );
    const baseUrl = `http://127.0.0.1:${port}/STU3`;
    const load = (durationMs: number) =>
      runWriteLoad({ baseUrl, kind: "create", durationMs, maxRequests: 1e9, concurrency });
    await load(1_000);
    const phase = await measurePhase(server.pid, () => load(seconds * 1000));
    return phaseLine("floor", "server", phase, "a server that only answers 201, same load");
  } finally {
    server.kill("SIGTERM");
  }
}
