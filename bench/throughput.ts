/**
 * Throughput rows of npm run bench:validate: the whole engine against FHIR.js 4.12's own
 * validate() alone (the STU3 base validator the engine wraps), on the same input text, in the
 * same process. The machine is shared, so the two alternate in short slices, each timed by the
 * CPU time it used, and the ratio of the two rates is the figure that counts.
 */
import { createRequire } from "node:module";
import type { NdopValidator } from "../src/fhir/index.js";
import { builtEngineModule } from "./built-engine.js";
import { type MiddleHalf, middleHalf, quantile } from "./statistics.js";

const { loadBaseDefinitions } =
  await builtEngineModule<typeof import("../src/fhir/base-definitions.js")>("base-definitions");
const { Validator } = createRequire(import.meta.url)(
  "fhir/validator.js",
) as typeof import("fhir/validator.js");

export interface ThroughputRow {
  /** Median validations per CPU second over the rounds. */
  engine: number;
  fhirJsAlone: number;
  /** The engine's rate as a share of FHIR.js's in the same round: median, and the middle half. */
  share: MiddleHalf;
}

const ROUNDS = 30;
const SLICE_NS = 50_000_000n;

/**
 * Calls of `run` over one slice of wall time, per CPU second they took. CPU time, not wall
 * time: on a shared machine the process is descheduled at random, and what a slice loses to
 * other processes would land on whichever side happened to be running.
 */
function slice(run: () => unknown): number {
  const deadline = process.hrtime.bigint() + SLICE_NS;
  const cpu = process.cpuUsage();
  let calls = 0;
  while (process.hrtime.bigint() < deadline) {
    for (let batch = 0; batch < 10; batch += 1) run();
    calls += 10;
  }
  const used = process.cpuUsage(cpu);
  return calls / ((used.user + used.system) / 1e6);
}

/**
 * Validations per CPU second of the engine and of FHIR.js alone on `input` (JSON or XML text;
 * FHIR.js reads both itself), in 30 rounds of one 50 ms slice each, the side that goes first
 * alternating, after four untimed slices each. The engine's share is taken round by round: this
 * machine's speed drifts by a third within minutes (see README, Develop), and two slices 50 ms
 * apart see the same speed, where totals over the whole bench do not.
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
  // Untimed first slices (200 ms a side), so that neither side is timed while V8 still compiles it.
  for (let warmUp = 0; warmUp < 4; warmUp += 1) {
    slice(engine);
    slice(alone);
  }
  const rates = { engine: [] as number[], alone: [] as number[], share: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const [first, second] = round % 2 === 0 ? [engine, alone] : [alone, engine];
    const firstRate = slice(first);
    const secondRate = slice(second);
    const [engineRate, aloneRate] =
      first === engine ? [firstRate, secondRate] : [secondRate, firstRate];
    rates.engine.push(engineRate);
    rates.alone.push(aloneRate);
    rates.share.push(engineRate / aloneRate);
  }
  return {
    engine: quantile(rates.engine, 0.5),
    fhirJsAlone: quantile(rates.alone, 0.5),
    share: middleHalf(rates.share),
  };
}

export function formatThroughput(name: string, format: string, row: ThroughputRow): string {
  const percent = (share: number) => `${(100 * share).toFixed(0)}%`;
  const { median, low, high } = row.share;
  return `  ${name.padEnd(24)} ${format.padEnd(4)} engine ${row.engine.toFixed(0).padStart(6)}/s   FHIR.js alone ${row.fhirJsAlone.toFixed(0).padStart(6)}/s   engine ${percent(median).padStart(5)} of FHIR.js alone (middle half of rounds ${percent(low)}-${percent(high)})`;
}
