import { setFlagsFromString } from "node:v8";

/** The commands that are one conformance run: vitest, the suites and a sandbox, for seconds. */
const RUN_COMMANDS: ReadonlySet<string> = new Set(["run", "baseline"]);

/**
 * How a run asks V8 to optimise later, by Node major version. A run is short, and most of its
 * code (vitest, vite, the suites' modules) runs a few times: V8 optimised hundreds of those
 * functions on its background threads, a quarter of a run's CPU, for code that then ran once or
 * twice more. Four times the default threshold keeps optimisation for what is really hot.
 * Measured on `run` against the embedded sandbox (median of 8 alternating runs each):
 * - Node 20 (V8 11.3), the interrupt budget (default 67,584): 12% less CPU, the same wall time.
 * - Node 22: its compile cache (main.ts) is keyed by V8's flags, so a flag that only `run` sets
 *   made `run` and `validate` reject each other's cached code, and `validate` starts cold. None.
 * - Node 24 tiers up through Maglev first; the same change cost CPU there. None.
 * Only `run` and `baseline`: `faults` judges 63 sandboxes in one process, and took 29% longer.
 */
const LATER_OPTIMISATION: Readonly<Record<string, string>> = {
  "20": "--interrupt-budget=270336",
};

/** The V8 flag a command gets on this Node, if any. */
export function runJitFlag(
  command: string | undefined,
  nodeVersion: string = process.versions.node,
): string | undefined {
  if (command === undefined || !RUN_COMMANDS.has(command)) return undefined;
  return LATER_OPTIMISATION[nodeVersion.split(".")[0] ?? ""];
}

/**
 * Sets it for the whole process, the suite worker included (V8's flags are per process). Called
 * before the command's modules load: a function takes its threshold when V8 first compiles it.
 */
export function tuneJitFor(command: string | undefined): void {
  const flag = runJitFlag(command);
  if (flag !== undefined) setFlagsFromString(flag);
}
