/**
 * Cold start of the built CLI against FHIR.js alone (bench/fhirjs-alone.mjs), both as whole
 * processes on the same file, in alternating runs (ours, FHIR.js, ours, ...) so that a shared,
 * loaded machine slows both alike; the medians and their ratio are reported.
 */
import { spawnSync } from "node:child_process";
import { builtCli } from "./built-cli.js";
import { median } from "./statistics.js";

export interface ColdStart {
  oursMs: number;
  fhirJsMs: number;
  ratio: number;
}

/** Wall time of one whole process, in ms; a run that fails to reach a verdict stops the bench. */
function timeProcess(args: string[], acceptedExits: number[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (!acceptedExits.includes(result.status ?? -1))
    throw new Error(`cold start run failed (${args.join(" ")}): ${result.stdout}${result.stderr}`);
  return elapsed;
}

export function measureColdStart(root: string, file: string, runs = 9): ColdStart {
  const ours = [builtCli(root), "validate", file];
  // FHIR.js alone judges the NDOP Consent invalid (it knows no absolute references): exit 1 is its verdict.
  const alone = [`${root}bench/fhirjs-alone.mjs`, file];
  timeProcess(ours, [0]);
  timeProcess(alone, [0, 1]); // warm the file cache and build FHIR.js's model cache once
  const oursMs: number[] = [];
  const fhirJsMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    oursMs.push(timeProcess(ours, [0]));
    fhirJsMs.push(timeProcess(alone, [0, 1]));
  }
  const result = { oursMs: median(oursMs), fhirJsMs: median(fhirJsMs) };
  return { ...result, ratio: result.oursMs / result.fhirJsMs };
}

export function formatColdStart(cold: ColdStart, runs = 9): string {
  return [
    `cold start, one file, whole process (median of ${runs} alternating runs each):`,
    `  ndop-conformance validate ${cold.oursMs.toFixed(0).padStart(5)} ms`,
    `  FHIR.js alone             ${cold.fhirJsMs.toFixed(0).padStart(5)} ms`,
    `  ratio                     ${cold.ratio.toFixed(2)}x`,
  ].join("\n");
}
