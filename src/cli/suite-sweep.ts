import { PassThrough } from "node:stream";
import { createVitest, type Reporter, type Vitest } from "vitest/node";
import type { RunConfig } from "../config/index.js";
import { CheckCollector, type RunSummary, summarise } from "../report/index.js";
import { type SandboxSettings, startSandbox } from "../sandbox/index.js";
import { SELECTION_ENV } from "./selection.js";
import { suiteFiles, suitesVitestSettings } from "./suites-vitest.js";
import { toolVersion } from "./version.js";

/** One run of a sweep: a fresh embedded sandbox with these settings, and what runs against it. */
export interface SweepRun {
  sandbox: Partial<SandboxSettings>;
  /** The suites run; every suite when empty. */
  suites: string[];
  /** The fixtures run, when not all of those suites'. */
  fixtures?: string[];
  /** What the run must expect of this sandbox, beyond the sweep's own settings. */
  expects?: Partial<Pick<RunConfig, "expectUpdateUnknownId">>;
}

/**
 * Runs each run's fixtures against a fresh embedded sandbox, one after another, through one vitest
 * instance: a run costs far less than starting the tool again for each of dozens of sandboxes
 * (`faults`, `variants`). Each run's summary is handed over as soon as it is known.
 */
export async function sweepSuites<Run extends SweepRun>(
  config: RunConfig,
  runs: readonly Run[],
  onSummary: (run: Run, summary: RunSummary) => void,
): Promise<void> {
  const router = new CollectorRouter();
  let vitest: Vitest | undefined;
  try {
    for (const run of runs) {
      const target = await prepareTarget(config, run);
      try {
        vitest ??= await createSuitesVitest(router);
        onSummary(run, await runSuites(vitest, router, target.config, run));
      } finally {
        await target.close();
      }
    }
  } finally {
    await vitest?.close();
  }
}

interface Target {
  config: RunConfig;
  close(): Promise<void>;
}

/** A fresh sandbox in memory with the run's settings, and the settings the suites are given. */
async function prepareTarget(config: RunConfig, run: SweepRun): Promise<Target> {
  const sandbox = await startSandbox({ ...run.sandbox, port: 0, store: "memory" });
  const runConfig: RunConfig = {
    ...config,
    ...run.expects,
    baseUrl: sandbox.baseUrl,
    suites: run.suites,
    sandbox: { ...config.sandbox, faults: [...(run.sandbox.faults ?? [])] },
  };
  // The suites' global setup reads these once, on the first run; the workers of every run read
  // the focus when they start, and one is started for each run.
  process.env.NDOP_RUN_CONFIG = JSON.stringify(runConfig);
  process.env.NDOP_RUN_STRICT = "0";
  process.env.NDOP_RUN_SHARD = "";
  if (run.fixtures) process.env[SELECTION_ENV] = JSON.stringify(run.fixtures);
  else delete process.env[SELECTION_ENV];
  return { config: runConfig, close: () => sandbox.close() };
}

async function runSuites(
  vitest: Vitest,
  router: CollectorRouter,
  config: RunConfig,
  run: SweepRun,
): Promise<RunSummary> {
  const startedAt = new Date();
  const collector = router.start();
  vitest.provide("ndopRun", config);
  await vitest.runTestFiles(suiteFiles(run.suites));
  // vitest marks the process failed after a run with a failing test, as every caught SHALL fault
  // makes: the command sets its own exit code at the end, and Ctrl-C must still mean 130.
  process.exitCode = undefined;
  return summarise(collector.checks, collector.runErrors, {
    environment: "sandbox",
    baseUrl: config.baseUrl,
    startedAt,
    strict: false,
    tool: toolVersion(),
  });
}

/** vitest, quiet, reporting each run to the collector of the run under way. */
function createSuitesVitest(router: CollectorRouter): Promise<Vitest> {
  const settings = suitesVitestSettings();
  return createVitest("test", { ...settings.options, reporters: [router] }, settings.overrides, {
    stdout: new PassThrough().resume(),
    stderr: process.stderr,
  });
}

/** One reporter for the whole sweep, handing each run's results to that run's collector. */
class CollectorRouter implements Reporter {
  private current = new CheckCollector();

  start(): CheckCollector {
    this.current = new CheckCollector();
    return this.current;
  }

  onTestRunEnd(...args: Parameters<CheckCollector["onTestRunEnd"]>): void {
    this.current.onTestRunEnd(...args);
  }
}
