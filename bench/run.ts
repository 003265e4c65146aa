/**
 * npm run bench:run [-- --against <checkout>] — what `npm start` costs: `ndop-conformance run`
 * against the embedded sandbox, full and focused on one suite (what any run costs before its
 * checks), as whole processes in alternating runs, median of BENCH_RUNS (default 7) each: wall
 * time, and CPU time as the process counts it at exit (every thread). With --against, the same
 * runs of another checkout's build (its dist/) alternate with this one's: a before and after.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { builtCli } from "./built-cli.js";
import { watchSteal } from "./machine-steal.js";
import { median, pairedDifference } from "./statistics.js";

const PROBE = pathToFileURL(fileURLToPath(new URL("./report-cpu.mjs", import.meta.url))).href;
const HERE = fileURLToPath(new URL("../", import.meta.url));
const KINDS = { full: [], "focused (capability)": ["--suite", "capability"] } as const;
type Kind = keyof typeof KINDS;

interface Sample {
  wallS: number;
  cpuS: number;
}

function runOnce(checkout: string, kind: Kind): Sample {
  const reports = mkdtempSync(join(tmpdir(), "ndop-bench-run-"));
  const cpuFile = join(reports, "cpu-seconds");
  const args = ["--import", PROBE, builtCli(checkout), "run"];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...args, "--reports-dir", reports, ...KINDS[kind]], {
    encoding: "utf8",
    env: { ...process.env, NDOP_BENCH_CPU_FILE: cpuFile, NO_COLOR: "1" },
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  try {
    if (result.status !== 0)
      throw new Error(`run in ${checkout} exited ${result.status}: ${result.stderr.trim()}`);
    return { wallS, cpuS: Number(readFileSync(cpuFile, "utf8")) };
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}

/** The checkouts to measure and how many runs of each; bad arguments stop the bench (exit 2). */
function settingsFromArguments(): { checkouts: string[]; runs: number } {
  const args = process.argv.slice(2);
  const refuse = (sentence: string): never => {
    console.error(sentence);
    process.exit(2);
  };
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  if (!Number.isInteger(runs) || runs < 1)
    refuse("BENCH_RUNS takes a whole number of runs, 1 or more.");
  if (args.length === 0) return { checkouts: [HERE], runs };
  const other = args[1];
  if (args[0] !== "--against" || args.length !== 2 || other === undefined)
    return refuse("bench:run takes no arguments, or --against <checkout>.");
  if (!existsSync(builtCli(other)))
    refuse(`--against ${other}: no built CLI there (run npm run build in it first).`);
  return { checkouts: [HERE, resolve(other)], runs };
}

/** One row of the report: a kind of run, from one checkout, and its runs. */
interface Cell {
  kind: Kind;
  checkout: string;
  samples: Sample[];
}

/**
 * Every kind of run from every checkout, round after round. Within a round each kind's runs
 * follow one another, and the checkout that goes first alternates from round to round, so that
 * neither build always runs just after the other kind, or first.
 */
function measure(checkouts: string[], runs: number): Cell[] {
  const cells = (Object.keys(KINDS) as Kind[]).flatMap((kind) =>
    checkouts.map((checkout): Cell => ({ kind, checkout, samples: [] })),
  );
  // One run of each first, not counted: it fills the file cache (and Node 22's compile cache).
  for (const { kind, checkout } of cells) runOnce(checkout, kind);
  for (let run = 0; run < runs; run += 1)
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const ofKind = cells.filter((cell) => cell.kind === kind);
      for (const cell of run % 2 === 0 ? ofKind : ofKind.reverse())
        cell.samples.push(runOnce(cell.checkout, cell.kind));
    }
  return cells;
}

/**
 * With --against, this checkout's runs less the other's, round by round: runs of one round are
 * seconds apart and see the same machine, where the medians of each side may not (README,
 * Develop). The median difference and the middle half of the rounds.
 */
function pairedLine(kind: Kind, mine: Sample[], theirs: Sample[]): string {
  const signed = (seconds: number) => `${seconds >= 0 ? "+" : ""}${seconds.toFixed(2)}`;
  const spread = (pick: (sample: Sample) => number) => {
    const { median, low, high } = pairedDifference(mine.map(pick), theirs.map(pick));
    return `${signed(median)} s (middle half ${signed(low)} to ${signed(high)})`;
  };
  return `  ${kind.padEnd(22)} this checkout less the other, round by round: wall ${spread((sample) => sample.wallS)}, CPU ${spread((sample) => sample.cpuS)}`;
}

const { checkouts, runs } = settingsFromArguments();
const steal = watchSteal();
const cells = measure(checkouts, runs);
console.log(
  `ndop-conformance run against the embedded sandbox, whole process, median of ${runs} alternating runs each (load average ${loadavg()[0]?.toFixed(1)}):`,
);
for (const { kind, checkout, samples } of cells) {
  const wall = median(samples.map((sample) => sample.wallS)).toFixed(2);
  const cpu = median(samples.map((sample) => sample.cpuS)).toFixed(2);
  const which = checkouts.length > 1 ? `  ${checkout === HERE ? "this checkout" : checkout}` : "";
  console.log(`  ${kind.padEnd(22)} wall ${wall} s  CPU ${cpu} s${which}`);
}
if (checkouts.length > 1)
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const [mine, theirs] = checkouts.map(
      (checkout) =>
        cells.find((cell) => cell.kind === kind && cell.checkout === checkout)?.samples ?? [],
    );
    console.log(pairedLine(kind, mine ?? [], theirs ?? []));
  }
console.log(steal());
