/**
 * Throughput rows of npm run bench:validate: the whole engine against FHIR.js 4.12's own
 * validate() alone (the STU3 base validator the engine wraps), on the same input text, in the
 * same process. The machine is shared, so the two alternate in short slices, each timed by the
 * CPU time it used, and the ratio of the two rates is the figure that counts.
 */
import { createRequire } from "node:module";
import { loadBaseDefinitions } from "../src/fhir/base-definitions.js";
import type { NdopValidator } from "../src/fhir/index.js";

const { Validator } = createRequire(import.meta.url)(
  "fhir/validator.js",
) as typeof import("fhir/validator.js");

export interface ThroughputRow {
  engine: number;
  fhirJsAlone: number;
}

const SLICES = 10;
const SLICE_NS = 100_000_000n;

/**
 * Calls of `run` over one slice of wall time, and the CPU time they took. CPU time, not wall
 * time: on a shared machine the process is descheduled at random, and what a slice loses to
 * other processes would land on whichever side happened to be running.
 */
function slice(run: () => unknown): [calls: number, cpuSeconds: number] {
  const deadline = process.hrtime.bigint() + SLICE_NS;
  const cpu = process.cpuUsage();
  let calls = 0;
  while (process.hrtime.bigint() < deadline) {
    for (let batch = 0; batch < 10; batch += 1) run();
    calls += 10;
  }
  const used = process.cpuUsage(cpu);
  return [calls, (used.user + used.system) / 1e6];
}

/**
 * Validations per CPU second of the engine and of FHIR.js alone on `input` (JSON or XML text;
 * FHIR.js reads both itself), alternating 10 slices of 100 ms each after one untimed warm-up
 * slice each.
 */
export function measureThroughput(
  validator: NdopValidator,
  input: string,
  expectValid: boolean,
): ThroughputRow {
  const verdict = validator.validate(input).valid;
  if (verdict !== expectValid)
    throw new Error(`benchmark input judged ${verdict ? "valid" : "invalid"}`);
  const { parser } = loadBaseDefinitions();
  const engine = () => validator.validate(input);
  const alone = () => new Validator(parser, { errorOnUnexpected: true }).validate(input);
  const totals = { engine: { calls: 0, seconds: 0 }, alone: { calls: 0, seconds: 0 } };
  // Untimed first slices, so that neither side is timed while V8 still compiles it.
  slice(engine);
  slice(alone);
  for (let round = 0; round < SLICES; round += 1) {
    for (const [side, run] of [
      ["engine", engine],
      ["alone", alone],
    ] as const) {
      const [calls, seconds] = slice(run);
      totals[side].calls += calls;
      totals[side].seconds += seconds;
    }
  }
  return {
    engine: totals.engine.calls / totals.engine.seconds,
    fhirJsAlone: totals.alone.calls / totals.alone.seconds,
  };
}

export function formatThroughput(name: string, format: string, row: ThroughputRow): string {
  const percent = (100 * row.engine) / row.fhirJsAlone;
  return `  ${name.padEnd(24)} ${format.padEnd(4)} engine ${row.engine.toFixed(0).padStart(6)}/s   FHIR.js alone ${row.fhirJsAlone.toFixed(0).padStart(6)}/s   engine ${percent.toFixed(0).padStart(4)}% of FHIR.js alone`;
}
