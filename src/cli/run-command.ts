import { Command, Option } from "commander";
import { ConformanceError } from "../errors/index.js";
import {
  compareWithBaseline,
  type RunSummary,
  readBaseline,
  recordBaseline,
  writeBaseline,
} from "../report/index.js";
import { checkStore } from "../sandbox/index.js";
import { withStableReasons } from "./baseline-reasons.js";
import { ExitCode } from "./exit-codes.js";
import { checkPatientBudget } from "./patient-budget.js";
import { checkReachable, prepareRun } from "./preflight.js";
import { type DailyFlags, dailyOptions, focusRun, reportRunEnd } from "./run-daily.js";
import type { SelectionFlags } from "./selection.js";
import { environmentOption, type TargetFlags, targetSettings } from "./target-options.js";

interface RunFlags extends TargetFlags, SelectionFlags, DailyFlags {
  baseline?: string;
  out?: string;
  shard?: string;
  strict?: boolean;
  allowUnjudged?: boolean;
}

/** `run` and `baseline` share their target options. */
function withTargetOptions(command: Command): Command {
  command
    .addOption(environmentOption())
    .option("--base-url <url>", "FHIR base URL (custom environment, or to override the table)")
    .option("--suite <names>", "suites to run, comma-separated (default all)")
    .addOption(
      new Option("--format <format>", "json, xml or both").choices(["json", "xml", "both"]),
    )
    .option("--reports-dir <dir>", "where reports go (default reports)")
    .option("--profiles-dir <dir>", "validate answers against these published profiles")
    .option(
      "--shard <index/count>",
      "run one shard of the checks (vitest --shard), for CI runners in parallel",
    )
    .option("--strict", "warnings (broken SHOULDs, validator warnings) fail the run")
    .option(
      "--allow-unjudged",
      "do not exit 2 when the environment ran out of test patients and a SHALL check went unjudged",
    );
  for (const option of dailyOptions()) command.addOption(option);
  return command;
}

/** A shard is `index/count` (1-based), as vitest takes it; anything else is refused before the run. */
function checkShard(shard: string | undefined, command: string): void {
  if (shard === undefined) return;
  if (command === "baseline")
    throw new ConformanceError(
      "USAGE",
      "--shard cannot be used with baseline: a baseline records the whole run, not one shard of it.",
    );
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(shard);
  if (!match || Number(match[1]) > Number(match[2]))
    throw new ConformanceError(
      "USAGE",
      `--shard "${shard}" is not index/count with 1 <= index <= count (for example 1/2).`,
    );
}

async function prepareAndRun(flags: RunFlags, command: "run" | "baseline") {
  checkShard(flags.shard, command);
  const prepared = prepareRun(targetSettings(flags));
  const { config } = prepared;
  const { fixtures, closed } = focusRun(prepared, flags, command);
  if (flags.dryRun) return { config, closed };
  // Here, not in the suites' setup, so a store that cannot open is one line, not vitest output.
  if (config.environment === "sandbox") checkStore(config.sandbox.store);
  if (config.environment !== "sandbox") await checkReachable(config).catch(closed.onPreflight);
  const budget =
    config.environment === "sandbox"
      ? undefined
      : await checkPatientBudget(config, fixtures, flags.shard);
  const target =
    config.environment === "sandbox"
      ? "the embedded sandbox"
      : `${config.environment} (${config.baseUrl})`;
  process.stdout.write(
    `ndop-conformance: ${fixtures.length} fixtures, ${config.formats.join(" and ")}, against ${target}\n`,
  );
  if (!config.writesAllowed)
    process.stdout.write(
      "ndop-conformance: production writes are not confirmed, so only read-only checks run (README, Safety).\n",
    );
  // vitest takes ~0.4 s of CPU to load: only a run that passed every check above pays for it,
  // not a refused one or --dry-run.
  const { runConformance } = await import("./conformance-run.js");
  return {
    config,
    summary: await runConformance(config, {
      fixtures,
      ...(flags.shard ? { shard: flags.shard } : {}),
      strict: flags.strict === true,
      ...(budget
        ? { pool: { size: budget.pool, freeBefore: budget.freeBefore, needed: budget.needed } }
        : {}),
      verbose: flags.verbose === true,
    }),
    closed,
  };
}

/** A SHALL the environment could not judge is no pass: exit 2, one sentence, unless --allow-unjudged. */
function couldNotJudge(summary: RunSummary, flags: RunFlags): boolean {
  const shall = summary.notJudged.filter((check) => check.level === "SHALL");
  if (shall.length === 0 || flags.allowUnjudged) return false;
  process.stdout.write(
    `could not judge: ${shall.length} SHALL check(s) did not run because ${shall[0]?.reason.replace(/^not judged: /, "")} (--allow-unjudged accepts that).\n`,
  );
  return true;
}

export function runCommand(setExitCode: (code: ExitCode) => void): Command {
  return withTargetOptions(new Command("run"))
    .description(
      "Run the conformance suites against an environment (default: the embedded sandbox).",
    )
    .option(
      "--baseline <file>",
      "regression gate: fail only on failures the baseline does not list as known",
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 no SHALL broken (warnings allowed; with --baseline, no new failure), 1 a SHALL broken or a check blocked (with --strict, a warning too), 2 the run could not start.\nSettings: see .env.example; flags win over .env.<env>, .env and the environment.",
    )
    .action(async (flags: RunFlags) => {
      const baseline = flags.baseline ? readBaseline(flags.baseline) : undefined;
      const { summary, closed } = await prepareAndRun(flags, "run");
      if (!summary) return setExitCode(ExitCode.Passed);
      const verdict = baseline ? compareWithBaseline(summary.checks, baseline) : undefined;
      if (reportRunEnd(summary, flags, closed, verdict)) return setExitCode(ExitCode.CouldNotRun);
      if (summary.runErrors.length > 0 || summary.counts.total === 0) {
        setExitCode(ExitCode.CouldNotRun);
        return;
      }
      if (couldNotJudge(summary, flags)) {
        setExitCode(ExitCode.CouldNotRun);
        return;
      }
      if (verdict) {
        setExitCode(verdict.passed ? ExitCode.Passed : ExitCode.Failed);
        return;
      }
      // A blocked check is not judged because a setup step broke: that is a fault, shown once.
      setExitCode(
        summary.counts.failed + summary.counts.blocked > 0 ? ExitCode.Failed : ExitCode.Passed,
      );
    });
}

export function baselineCommand(setExitCode: (code: ExitCode) => void): Command {
  return withTargetOptions(new Command("baseline"))
    .description(
      "Run the suites and record the outcome as a baseline for the regression gate (run --baseline).",
    )
    .requiredOption("--out <file>", "where to write the baseline (JSON)")
    .action(async (flags: RunFlags) => {
      const { config, summary, closed } = await prepareAndRun(flags, "baseline");
      if (!summary) return setExitCode(ExitCode.Passed);
      if (reportRunEnd(summary, flags, closed)) return setExitCode(ExitCode.CouldNotRun);
      if (summary.runErrors.length > 0 || summary.counts.total === 0) {
        setExitCode(ExitCode.CouldNotRun);
        return;
      }
      const recorded = withStableReasons(recordBaseline(summary.checks, config.environment));
      writeBaseline(flags.out as string, recorded);
      process.stdout.write(
        `Baseline written to ${flags.out}: ${summary.counts.failed} known failure(s); give each a reason before relying on it.\n`,
      );
      setExitCode(ExitCode.Passed);
    });
}
