/**
 * The floor row of npm run bench:sandbox: the same load generator against a server that does no
 * work but answer (bench/empty-server.mjs), in its own process, on the same cores. What the
 * sandbox adds to its CPU per request, and what is left of the machine for it, read against this.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { percentile, runWriteLoad } from "../src/testing/index.js";
import { cpuSecondsOf } from "./process-cpu.js";

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
    const serverBefore = cpuSecondsOf(server.pid);
    const generatorBefore = process.cpuUsage();
    const report = await load(seconds * 1000);
    const generator = process.cpuUsage(generatorBefore);
    const serverUs = ((cpuSecondsOf(server.pid) - serverBefore) * 1e6) / report.requests;
    const rate = report.acknowledged.length / (report.elapsedMs / 1000);
    return `  floor    ${rate.toFixed(0).padStart(6)}/s  p50 ${percentile(report.latenciesMs, 0.5).toFixed(2)} ms  p99 ${percentile(report.latenciesMs, 0.99).toFixed(2)} ms  CPU per request: server ${serverUs.toFixed(0)} µs, load generator ${((generator.user + generator.system) / report.requests).toFixed(0)} µs  (a server that only answers 201, same load)`;
  } finally {
    server.kill("SIGTERM");
  }
}
