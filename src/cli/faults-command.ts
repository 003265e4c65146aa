import { Command } from "commander";
import type { RunConfig } from "../config/index.js";
import { ConfigError } from "../errors/index.js";
import { FAULTS } from "../sandbox/index.js";
import { ExitCode } from "./exit-codes.js";
import { type FaultPlan, faultPlans } from "./fault-plans.js";
import type { FaultOutcome } from "./fault-sweep.js";
import { type FaultVerdict, faultVerdict } from "./fault-verdict.js";
import { prepareRun } from "./preflight.js";
import { projectRequirements } from "./project-fixtures.js";

interface FaultsFlags {
  fault: string[];
  json?: boolean;
}

/**
 * `faults`: the suite's power, shown. Each sandbox fault mode breaks one requirement; the
 * fixtures citing it run against a fresh sandbox with that fault on, and must catch it.
 */
export function faultsCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("faults")
    .description(
      "Show that the checks catch each sandbox fault mode: run the fixtures citing the requirement it breaks against a fresh embedded sandbox with it on.",
    )
    .option(
      "--fault <name>",
      "only this fault mode (repeatable; sandbox --list-faults lists them)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option("--json", "print every fault mode's outcome as JSON at the end, instead of lines")
    .addHelpText(
      "after",
      "\nExit codes: 0 every fault mode caught (a SHALL's by a failing check citing it, a SHOULD's by a warning and no failure); 1 one or more survived; 2 a fault mode could not be judged, or bad settings.",
    )
    .action(async (flags: FaultsFlags) => {
      const { config, plans } = prepareSweep(flags);
      if (!flags.json) process.stdout.write(startLine(config, plans));
      // vitest takes ~0.5 s to load: only the commands that run suites pay for it.
      const { sweepFaults } = await import("./fault-sweep.js");
      const outcomes = await sweepFaults(config, plans, (outcome) => {
        if (!flags.json)
          process.stdout.write(outcomeLine(outcome, faultVerdict(outcome.plan, outcome.summary)));
      });
      const verdicts = outcomes.map((outcome) => faultVerdict(outcome.plan, outcome.summary));
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(faultsJson(outcomes, verdicts), null, 2)}\n`
          : endLine(verdicts),
      );
      setExitCode(exitCodeOf(verdicts));
    });
}

/**
 * The settings and the plans. The embedded sandbox is the only target with fault modes; a
 * setting this command would otherwise have to ignore is refused, in one sentence each.
 */
function prepareSweep(flags: FaultsFlags): { config: RunConfig; plans: FaultPlan[] } {
  const { config, fixtures } = prepareRun({ NDOP_ENV: "sandbox" });
  const ignored = [
    ...(config.sandbox.faults.length
      ? ["NDOP_SANDBOX_FAULTS (choose fault modes with --fault)"]
      : []),
    ...(config.suites.length
      ? ["NDOP_SUITES (each fault mode runs the fixtures citing the requirement it breaks)"]
      : []),
    ...(config.sandbox.store !== "memory"
      ? ["NDOP_SANDBOX_STORE (each fault mode gets a fresh sandbox in memory)"]
      : []),
  ];
  if (ignored.length > 0)
    throw new ConfigError(ignored.map((setting) => `faults does not take ${setting}; unset it.`));
  return { config, plans: faultPlans(flags.fault, fixtures, projectRequirements()) };
}

function startLine(config: RunConfig, plans: readonly FaultPlan[]): string {
  return `ndop-conformance: ${plans.length} fault mode(s), ${config.formats.join(" and ")}, each against a fresh embedded sandbox\n`;
}

function outcomeLine({ plan }: FaultOutcome, verdict: FaultVerdict): string {
  const mark = verdict.kind === "caught" ? "caught" : verdict.kind.toUpperCase();
  return `  ${mark.padEnd(10)} ${plan.fault} (breaks ${plan.requirement}, ${plan.level}): ${verdict.evidence}\n`;
}

function endLine(verdicts: readonly FaultVerdict[]): string {
  const count = (kind: FaultVerdict["kind"]) =>
    verdicts.filter((each) => each.kind === kind).length;
  return `${count("caught")} of ${verdicts.length} fault mode(s) caught, ${count("survived")} survived, ${count("not judged")} not judged.\n`;
}

function exitCodeOf(verdicts: readonly FaultVerdict[]): ExitCode {
  if (verdicts.some((each) => each.kind === "not judged")) return ExitCode.CouldNotRun;
  if (verdicts.some((each) => each.kind === "survived")) return ExitCode.Failed;
  return ExitCode.Passed;
}

function faultsJson(outcomes: readonly FaultOutcome[], verdicts: readonly FaultVerdict[]) {
  const count = (kind: FaultVerdict["kind"]) =>
    verdicts.filter((each) => each.kind === kind).length;
  return {
    caught: count("caught"),
    survived: count("survived"),
    notJudged: count("not judged"),
    faults: outcomes.map(({ plan, summary }, index) => ({
      fault: plan.fault,
      breaks: FAULTS[plan.fault].breaks,
      requirement: plan.requirement,
      level: plan.level,
      verdict: verdicts[index]?.kind,
      evidence: verdicts[index]?.evidence,
      fixtures: plan.fixtures,
      counts: summary.counts,
      failures: summary.failures,
      warnings: summary.warnings,
      blocked: summary.blocked,
      runErrors: summary.runErrors,
    })),
  };
}
