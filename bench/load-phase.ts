/**
 * One timed phase of write load against a server in its own process, as bench:sandbox reports
 * it for the sandbox and for the floor (bench/http-floor.ts): the load's report and the CPU time
 * per request of the server and of this load generator.
 */
import { type LoadReport, percentile } from "../src/testing/index.js";
import { cpuSecondsOf } from "./process-cpu.js";

export interface Phase {
  report: LoadReport;
  serverUs: number;
  generatorUs: number;
}

/** Runs `load` and measures it: the server's CPU from /proc, this process's from Node. */
export async function measurePhase(
  serverPid: number | undefined,
  load: () => Promise<LoadReport>,
): Promise<Phase> {
  const serverBefore = cpuSecondsOf(serverPid);
  const generatorBefore = process.cpuUsage();
  const report = await load();
  const generator = process.cpuUsage(generatorBefore);
  return {
    report,
    serverUs: ((cpuSecondsOf(serverPid) - serverBefore) * 1e6) / report.requests,
    generatorUs: (generator.user + generator.system) / report.requests,
  };
}

/** A report line: rate, p50 and p99, the CPU per request of `server` and of the generator. */
export function phaseLine(name: string, server: string, phase: Phase, note: string): string {
  const { report, serverUs, generatorUs } = phase;
  const rate = report.acknowledged.length / (report.elapsedMs / 1000);
  const p50 = percentile(report.latenciesMs, 0.5).toFixed(2);
  const p99 = percentile(report.latenciesMs, 0.99).toFixed(2);
  return `  ${name.padEnd(8)} ${rate.toFixed(0).padStart(6)}/s  p50 ${p50} ms  p99 ${p99} ms  CPU per request: ${server} ${serverUs.toFixed(0)} µs, load generator ${generatorUs.toFixed(0)} µs  (${note})`;
}
