import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { startVitest } from "vitest/node";
import type { RunConfig } from "../config/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import {
  CheckCollector,
  contractBaseUrl,
  type RunSummary,
  summarise,
  writeSummary,
} from "../report/index.js";
import { type FaultName, type RunningSandbox, startSandbox } from "../sandbox/index.js";
import { AllureReporter } from "./allure-reporter.js";
import { JUnitFileReporter } from "./junit-reporter.js";
import { ProgressReporter } from "./progress-reporter.js";
import { claimReportsFolder } from "./reports-claim.js";
import { suiteFiles, suitesVitestSettings } from "./suites-vitest.js";
import { formatToolVersion, toolVersion } from "./version.js";

export interface RunOptions {
  /**
   * The fixtures the run takes, as preflight read and checked them and the selection (`--suite`,
   * `--fixture`, `--grep`, `--requirement`) chose them: the suites run exactly these.
   */
  fixtures: readonly LoadedFixture[];
  shard?: string;
  /** Warnings fail (`--strict`). */
  strict?: boolean;
  /** The patient pool at preflight, for the summary's patient budget. */
  pool?: { size: number; freeBefore: number; needed: number };
  /** vitest's own reporter as the run goes; otherwise a progress line (on a terminal) only. */
  verbose?: boolean;
}

/**
 * Runs the conformance suites with vitest against the prepared target, writing Allure results,
 * JUnit XML and the summary under the reports folder, and returns the summary.
 */
export async function runConformance(config: RunConfig, options: RunOptions): Promise<RunSummary> {
  const reportsDir = resolve(config.reportsDir);
  // A bad NDOP_CONTRACT_URL is refused here, before any check runs, not in every check.
  contractBaseUrl();
  const release = claimReportsFolder(reportsDir);
  try {
    return await runInto(reportsDir, config, options);
  } finally {
    release();
  }
}

async function runInto(
  reportsDir: string,
  config: RunConfig,
  options: RunOptions,
): Promise<RunSummary> {
  const allureResults = join(reportsDir, "allure-results");
  const oldResults = clearAway(allureResults);
  mkdirSync(allureResults, { recursive: true });
  const startedAt = new Date();
  const collector = new CheckCollector();
  const sandbox = config.environment === "sandbox" ? await startEmbeddedSandbox(config) : undefined;
  // The suites read the run's settings from here (workers inherit the environment); with the
  // sandbox's URL, their global setup starts none of its own.
  process.env.NDOP_RUN_CONFIG = JSON.stringify(
    sandbox ? { ...config, baseUrl: sandbox.baseUrl } : config,
  );
  process.env.NDOP_RUN_STRICT = options.strict ? "1" : "0";
  // Shards take disjoint slices of the patient pool (src/fixtures/patient-pool.ts).
  process.env.NDOP_RUN_SHARD = options.shard ?? "";
  try {
    const vitest = await startSuites(config, options, { allureResults, reportsDir, collector });
    await vitest.close();
  } finally {
    await sandbox?.close();
  }
  await oldResults;
  const baseUrl = sandbox ? sandbox.baseUrl : config.baseUrl;
  const summary = summarise(collector.checks, collector.runErrors, {
    environment: config.environment,
    baseUrl,
    startedAt,
    strict: options.strict === true,
    ...(options.pool ? { pool: options.pool } : {}),
    tool: toolVersion(),
  });
  writeSummary(summary, reportsDir);
  writeFileSync(join(allureResults, "executor.json"), JSON.stringify(executorInfo()));
  return summary;
}

/**
 * The embedded sandbox, started here from the CLI's own compiled modules, which are loaded
 * already: started by the suites' global setup, it cost vitest a transform and a second load of
 * the sandbox and the validator in this same process.
 */
function startEmbeddedSandbox(config: RunConfig): Promise<RunningSandbox> {
  return startSandbox({
    port: 0,
    faults: config.sandbox.faults as FaultName[],
    store: config.sandbox.store,
  });
}

/**
 * The previous run's results move aside at once and are deleted while this run goes: deleting
 * hundreds of files one by one held up the start of every run.
 */
function clearAway(folder: string): Promise<void> {
  if (!existsSync(folder)) return Promise.resolve();
  const aside = `${folder}.old-${process.pid}-${Date.now()}`;
  renameSync(folder, aside);
  // A folder that cannot be deleted is left beside the reports, not a failed run.
  return rm(aside, { recursive: true, force: true }).catch(() => undefined);
}

/** vitest on the chosen suites' files, with the progress, JUnit, Allure and collecting reporters. */
function startSuites(
  config: RunConfig,
  options: RunOptions,
  {
    allureResults,
    reportsDir,
    collector,
  }: { allureResults: string; reportsDir: string; collector: CheckCollector },
): ReturnType<typeof startVitest> {
  const settings = suitesVitestSettings();
  return startVitest(
    "test",
    // Only the chosen suites' files: JUnit would count an unselected suite's checks as skipped.
    suiteFiles(config.suites),
    {
      ...settings.options,
      provide: { ndopFixtures: [...options.fixtures] },
      ...(options.shard ? { shard: options.shard } : {}),
      reporters: [
        options.verbose ? "default" : new ProgressReporter(),
        new JUnitFileReporter({ suiteName: `NDOP conformance (${config.environment})` }),
        new AllureReporter({ resultsDir: allureResults, environmentInfo: environmentInfo(config) }),
        collector,
      ],
      outputFile: { junit: join(reportsDir, "junit.xml") },
    },
    settings.overrides,
    // Quiet: vitest's own log lines ("JUNIT report written to ...") stay out of the terminal;
    // its errors still reach stderr, and the summary says where the reports are.
    {
      stdout: options.verbose ? process.stdout : new PassThrough().resume(),
      stderr: process.stderr,
    },
  );
}

/** Shown in the Allure report's environment widget; never a secret. */
function environmentInfo(config: RunConfig): Record<string, string> {
  return {
    environment: config.environment,
    baseUrl: config.baseUrl || "embedded sandbox (free loopback port)",
    formats: config.formats.join(", "),
    node: process.version,
    tool: formatToolVersion(toolVersion()),
    ...(config.sandbox.faults.length > 0
      ? { sandboxFaults: config.sandbox.faults.join(", ") }
      : {}),
  };
}

function executorInfo(): Record<string, string> {
  const ci = process.env.GITHUB_ACTIONS
    ? "github"
    : process.env.TF_BUILD
      ? "azure"
      : process.env.CI
        ? "ci"
        : "local";
  return {
    name: ci === "local" ? "ndop-conformance (local run)" : `ndop-conformance (${ci})`,
    type: ci,
    ...(process.env.GITHUB_RUN_ID ? { buildName: `run ${process.env.GITHUB_RUN_ID}` } : {}),
    ...(process.env.BUILD_BUILDNUMBER ? { buildName: process.env.BUILD_BUILDNUMBER } : {}),
  };
}
