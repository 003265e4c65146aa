import { PassThrough } from "node:stream";
import { createVitest, type Reporter, type Vitest } from "vitest/node";
import type { RunConfig } from "../config/index.js";
import { CheckCollector, type RunSummary, summarise } from "../report/index.js";
import { startSandbox } from "../sandbox/index.js";
import type { FaultPlan } from "./fault-plans.js";
import { SELECTION_ENV } from "./selection.js";
import { suiteFiles, suitesVitestSettings } from "./suites-vitest.js";
import { toolVersion } from "./version.js";

export interface FaultOutcome {
  plan: FaultPlan;
  summary: RunSummary;
}

/**
 * Runs each plan's fixtures against a fresh embedded sandbox with its fault mode on, one after
 * another, through one vitest instance: a run of a few fixtures costs far less than starting the
 * tool again for each of dozens of fault modes. Each outcome is handed over as it is known.
 */
export async function sweepFaults(
  config: RunConfig,
  plans: readonly FaultPlan[],
  onOutcome: (outcome: FaultOutcome) => void,
): Promise<FaultOutcome[]> {
  const router = new CollectorRouter();
  let vitest: Vitest | undefined;
  const outcomes: FaultOutcome[] = [];
  try {
    for (const plan of plans) {
      const run = await prepareFaultRun(config, plan);
      try {
        vitest ??= await createSuitesVitest(router);
        const outcome = await runPlan(vitest, router, run, plan);
        outcomes.push(outcome);
        onOutcome(outcome);
      } finally {
        await run.close();
      }
    }
  } finally {
    await vitest?.close();
  }
  return outcomes;
}

interface FaultRun {
  config: RunConfig;
  close(): Promise<void>;
}

/** A fresh sandbox with the plan's fault mode on, and the settings the suites are given. */
async function prepareFaultRun(config: RunConfig, plan: FaultPlan): Promise<FaultRun> {
  const sandbox = await startSandbox({ port: 0, faults: [plan.fault], store: "memory" });
  const runConfig: RunConfig = {
    ...config,
    baseUrl: sandbox.baseUrl,
    suites: plan.suites,
    sandbox: { ...config.sandbox, faults: [plan.fault] },
  };
  // The suites' global setup reads these once, on the first run; the workers of every run read
  // the focus when they start, and are started for each run.
  process.env.NDOP_RUN_CONFIG = JSON.stringify(runConfig);
  process.env.NDOP_RUN_STRICT = "0";
  process.env.NDOP_RUN_SHARD = "";
  process.env[SELECTION_ENV] = JSON.stringify(plan.fixtures);
  return { config: runConfig, close: () => sandbox.close() };
}

async function runPlan(
  vitest: Vitest,
  router: CollectorRouter,
  run: FaultRun,
  plan: FaultPlan,
): Promise<FaultOutcome> {
  const startedAt = new Date();
  const collector = router.start();
  vitest.provide("ndopRun", run.config);
  await vitest.runTestFiles(suiteFiles(plan.suites));
  // vitest marks the process failed after a run with a failing test, as every caught SHALL fault
  // makes: the command sets its own exit code at the end, and Ctrl-C must still mean 130.
  process.exitCode = undefined;
  const summary = summarise(collector.checks, collector.runErrors, {
    environment: "sandbox",
    baseUrl: run.config.baseUrl,
    startedAt,
    strict: false,
    tool: toolVersion(),
  });
  return { plan, summary };
}

/** vitest, quiet, reporting each run to the collector of the fault mode being run. */
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
