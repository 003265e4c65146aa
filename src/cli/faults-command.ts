import { Command } from "commander";
import type { RunConfig } from "../config/index.js";
import type { RunSummary } from "../report/index.js";
import { FAULTS } from "../sandbox/index.js";
import type { ExitCode } from "./exit-codes.js";
import { type FaultPlan, faultPlans } from "./fault-plans.js";
import { type FaultVerdict, faultVerdict } from "./fault-verdict.js";
import { projectRequirements } from "./project-fixtures.js";
import {
  SANDBOX_FAULTS,
  SANDBOX_STORE,
  type SweepSettings,
  sweepSettings,
} from "./sweep-settings.js";
import { counter, summaryJson, sweepExitCode, verdictLine } from "./sweep-verdicts.js";

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
      const { settings, plans } = prepareSweep(flags);
      const { config } = settings;
      if (!flags.json) process.stdout.write(startLine(config, plans));
      const { sweepSuites } = await import("./suite-sweep.js");
      const runs = plans.map((plan) => ({
        plan,
        sandbox: { faults: [plan.fault] },
        suites: plan.suites,
        fixtures: plan.fixtures,
      }));
      const outcomes: FaultOutcome[] = [];
      await sweepSuites(settings, runs, ({ plan }, summary) => {
        const verdict = faultVerdict(plan, summary);
        outcomes.push({ plan, summary, verdict });
        if (!flags.json) process.stdout.write(outcomeLine(plan, verdict));
      });
      const verdicts = outcomes.map((outcome) => outcome.verdict);
      process.stdout.write(
        flags.json ? `${JSON.stringify(faultsJson(outcomes), null, 2)}\n` : endLine(verdicts),
      );
      setExitCode(sweepExitCode(verdicts, "survived"));
    });
}

/** The settings, and the plans: every fault mode, or those chosen. */
function prepareSweep(flags: FaultsFlags): { settings: SweepSettings; plans: FaultPlan[] } {
  const settings = sweepSettings("faults", [
    SANDBOX_FAULTS,
    {
      name: "NDOP_SUITES",
      given: (given) => given.suites.length > 0,
      why: "each fault mode runs the fixtures citing the requirement it breaks",
    },
    SANDBOX_STORE,
  ]);
  return {
    settings,
    plans: faultPlans(flags.fault, settings.fixtures, projectRequirements()),
  };
}

function startLine(config: RunConfig, plans: readonly FaultPlan[]): string {
  return `ndop-conformance: ${plans.length} fault mode(s), ${config.formats.join(" and ")}, each against a fresh embedded sandbox\n`;
}

interface FaultOutcome {
  plan: FaultPlan;
  summary: RunSummary;
  verdict: FaultVerdict;
}

function outcomeLine(plan: FaultPlan, verdict: FaultVerdict): string {
  return verdictLine(
    verdict,
    "caught",
    `${plan.fault} (breaks ${plan.requirement}, ${plan.level})`,
  );
}

function endLine(verdicts: readonly FaultVerdict[]): string {
  const count = counter(verdicts);
  return `${count("caught")} of ${verdicts.length} fault mode(s) caught, ${count("survived")} survived, ${count("not judged")} not judged.\n`;
}

function faultsJson(outcomes: readonly FaultOutcome[]) {
  const count = counter(outcomes.map((outcome) => outcome.verdict));
  return {
    caught: count("caught"),
    survived: count("survived"),
    notJudged: count("not judged"),
    faults: outcomes.map(({ plan, summary, verdict }) => ({
      fault: plan.fault,
      breaks: FAULTS[plan.fault].breaks,
      requirement: plan.requirement,
      level: plan.level,
      verdict: verdict.kind,
      evidence: verdict.evidence,
      fixtures: plan.fixtures,
      ...summaryJson(summary),
    })),
  };
}
