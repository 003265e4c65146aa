import { Command } from "commander";
import type { RunConfig } from "../config/index.js";
import { ConfigError } from "../errors/index.js";
import type { RunSummary } from "../report/index.js";
import { type SandboxVariant, VARIANTS, type VariantName } from "../sandbox/index.js";
import type { ExitCode } from "./exit-codes.js";
import {
  SANDBOX_FAULTS,
  SANDBOX_STORE,
  type SweepSettings,
  sweepSettings,
} from "./sweep-settings.js";
import { counter, summaryJson, sweepExitCode, verdictLine } from "./sweep-verdicts.js";
import { type VariantVerdict, variantVerdict } from "./variant-verdict.js";

interface VariantsFlags {
  variant: string[];
  json?: boolean;
}

interface VariantRun {
  name: VariantName;
  variant: SandboxVariant;
}

interface VariantOutcome {
  run: VariantRun;
  summary: RunSummary;
  verdict: VariantVerdict;
}

/**
 * `variants`: no false alarms, shown. Each variant of the sandbox is a freedom a conforming NDOP
 * server has; the suites run against a fresh sandbox in each, and must fail nothing.
 */
export function variantsCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("variants")
    .description(
      "Show that the checks fail no conforming server: run the suites against a fresh embedded sandbox in each conforming variant (sandbox --list-variants).",
    )
    .option(
      "--variant <name>",
      "only this variant (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option("--json", "print every variant's outcome as JSON at the end, instead of lines")
    .addHelpText(
      "after",
      "\nExit codes: 0 every variant passed (no failure, nothing blocked, only the warnings it implies); 1 a false alarm; 2 a variant could not be judged, or bad settings.",
    )
    .action(async (flags: VariantsFlags) => {
      const { settings, runs } = prepareVariants(flags);
      const { config } = settings;
      if (!flags.json) process.stdout.write(startLine(config, runs));
      const { sweepSuites } = await import("./suite-sweep.js");
      const outcomes: VariantOutcome[] = [];
      await sweepSuites(settings, runs.map(sweepRunOf(config)), (run, summary) => {
        const verdict = variantVerdict(run.variant, summary);
        outcomes.push({ run, summary, verdict });
        if (!flags.json) process.stdout.write(outcomeLine(run, verdict));
      });
      const verdicts = outcomes.map((outcome) => outcome.verdict);
      process.stdout.write(
        flags.json ? `${JSON.stringify(variantsJson(outcomes), null, 2)}\n` : endLine(verdicts),
      );
      setExitCode(sweepExitCode(verdicts, "false alarm"));
    });
}

function prepareVariants(flags: VariantsFlags): { settings: SweepSettings; runs: VariantRun[] } {
  const settings = sweepSettings("variants", [
    SANDBOX_FAULTS,
    SANDBOX_STORE,
    {
      name: "NDOP_EXPECT_UPDATE_UNKNOWN_ID",
      given: (given) => given.expectUpdateUnknownId !== 404,
      why: "each variant sets what its run expects",
    },
  ]);
  const unknown = flags.variant.filter((name) => !Object.hasOwn(VARIANTS, name));
  if (unknown.length > 0)
    throw new ConfigError(
      unknown.map(
        (name) => `--variant ${name} is not a variant (ndop-conformance sandbox --list-variants).`,
      ),
    );
  const names = (flags.variant.length ? flags.variant : Object.keys(VARIANTS)) as VariantName[];
  return { settings, runs: names.map((name) => ({ name, variant: VARIANTS[name] })) };
}

/** The sandbox in the variant's settings, and the suites told what it chose where it may choose. */
function sweepRunOf(config: RunConfig) {
  return (run: VariantRun) => {
    const expects = run.variant.runExpects;
    return {
      ...run,
      sandbox: run.variant.settings,
      suites: config.suites,
      ...(expects ? { expects: { expectUpdateUnknownId: expects.updateUnknownId } } : {}),
    };
  };
}

function startLine(config: RunConfig, runs: readonly VariantRun[]): string {
  return `ndop-conformance: ${runs.length} conforming variant(s), ${config.formats.join(" and ")}, each against a fresh embedded sandbox\n`;
}

function outcomeLine(run: VariantRun, verdict: VariantVerdict): string {
  return verdictLine(verdict, "passed", `${run.name} (${run.variant.freedom})`);
}

function endLine(verdicts: readonly VariantVerdict[]): string {
  const count = counter(verdicts);
  return `${count("passed")} of ${verdicts.length} variant(s) passed, ${count("false alarm")} false alarm(s), ${count("not judged")} not judged.\n`;
}

function variantsJson(outcomes: readonly VariantOutcome[]) {
  const count = counter(outcomes.map((outcome) => outcome.verdict));
  return {
    passed: count("passed"),
    falseAlarms: count("false alarm"),
    notJudged: count("not judged"),
    variants: outcomes.map(({ run, summary, verdict }) => ({
      variant: run.name,
      freedom: run.variant.freedom,
      verdict: verdict.kind,
      evidence: verdict.evidence,
      ...summaryJson(summary),
    })),
  };
}
