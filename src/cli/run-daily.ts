import { Option } from "commander";
import type { RunConfig } from "../config/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import type { GateVerdict, RunSummary } from "../report/index.js";
import { renderDryRun } from "./dry-run.js";
import { renderRunEnd } from "./run-console.js";
import {
  refuseSelection,
  type SelectionFlags,
  selectFixtures,
  selectionOptions,
} from "./selection.js";
import {
  closedReason,
  serviceHoursWarning,
  unavailableChecks,
  unavailableError,
  unavailableLine,
} from "./service-hours-gate.js";

/** The day-to-day flags of `run` and `baseline`: focus, dry run, output and service hours. */
export interface DailyFlags extends SelectionFlags {
  dryRun?: boolean;
  verbose?: boolean;
  ignoreServiceHours?: boolean;
}

export function dailyOptions(): Option[] {
  return [
    ...selectionOptions(),
    new Option(
      "--dry-run",
      "run the preflight and show the settings, checks and patients; send nothing",
    ),
    new Option("--verbose", "show vitest's own output (each test, code frames) as the run goes"),
    new Option(
      "--ignore-service-hours",
      "judge connection failures, timeouts and 5xx answers outside service hours as failures",
    ),
  ];
}

/** The target's service hours as this run sees them: closed (with why), or open. */
export interface ServiceHours {
  reason?: string;
  /** A preflight failure: outside service hours, one that says the environment is unavailable. */
  onPreflight(error: unknown): never;
}

/**
 * After the preflight: the fixtures this run takes (the suites are given exactly these), the
 * service-hours warning, and for `--dry-run` what the run would do.
 */
export function focusRun(
  prepared: { config: RunConfig; fixtures: LoadedFixture[] },
  flags: DailyFlags,
  command: "run" | "baseline",
): { fixtures: LoadedFixture[]; closed: ServiceHours } {
  const { config } = prepared;
  if (command === "baseline") refuseSelection(flags, command);
  const inSuites = prepared.fixtures.filter(
    (loaded) => config.suites.length === 0 || config.suites.includes(loaded.id.split("/")[0] ?? ""),
  );
  const fixtures = selectFixtures(inSuites, flags);
  const reason = closedReason(config, flags.ignoreServiceHours === true);
  if (reason) process.stdout.write(serviceHoursWarning(config.environment, reason));
  if (flags.dryRun) process.stdout.write(renderDryRun(config, fixtures));
  const closed: ServiceHours = {
    ...(reason ? { reason } : {}),
    onPreflight: (error) => {
      throw reason ? unavailableError(error, config.environment, reason) : error;
    },
  };
  return { fixtures, closed };
}

/**
 * Prints the end of a run. Returns true when the environment was unavailable outside its service
 * hours: no verdict, the run could not be judged (exit 2).
 */
export function reportRunEnd(
  summary: RunSummary,
  flags: DailyFlags,
  closed: ServiceHours,
  verdict?: GateVerdict,
): boolean {
  process.stdout.write(
    renderRunEnd(summary, { verbose: flags.verbose === true, ...(verdict ? { verdict } : {}) }),
  );
  if (summary.counts.total === 0 && summary.runErrors.length === 0)
    process.stderr.write(
      "ndop-conformance: no check ran: the suites, the selection (--fixture, --grep, --requirement) or the shard left nothing to run.\n",
    );
  const unavailable = closed.reason ? unavailableChecks(summary) : [];
  if (!closed.reason || unavailable.length === 0) return false;
  process.stderr.write(unavailableLine(summary.environment, closed.reason, unavailable));
  return true;
}
