import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { RunConfig } from "../config/index.js";
import { NdopValidator } from "../fhir/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import { createRunContext, judgeRun, type RequirementLevels } from "../judge/index.js";
import { type CheckResult, type RunSummary, summarise } from "../report/index.js";
import { type SandboxSettings, startSandbox } from "../sandbox/index.js";
import { PROJECT_ROOT } from "./preflight.js";
import { projectRequirements } from "./project-fixtures.js";
import type { SweepSettings } from "./sweep-settings.js";
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

/** Where the conformance suites' test files are. */
const CONFORMANCE_SUITES = join(PROJECT_ROOT, "suites", "conformance");

/**
 * Runs each run's checks against a fresh embedded sandbox, one after another, in this process:
 * each check is judged as `run`'s suites judge it (src/judge), without vitest, whose worker and
 * module loading cost a second or more for each of dozens of sandboxes (`faults`, `variants`).
 * Each run's summary is handed over as soon as it is known.
 */
export async function sweepSuites<Run extends SweepRun>(
  settings: SweepSettings,
  runs: readonly Run[],
  onSummary: (run: Run, summary: RunSummary) => void,
): Promise<void> {
  const { profilesDir } = settings.config;
  // What each sandbox would load for itself (its default profiles), loaded once for them all,
  // and the one that judges the answers too unless the run has profiles of its own.
  const sandboxValidator = NdopValidator.create();
  const shared: Shared = {
    validator: profilesDir ? NdopValidator.create({ profilesDir }) : sandboxValidator,
    sandboxValidator,
    levels: new Map(
      projectRequirements().map((requirement) => [requirement.key, requirement.level]),
    ),
    conformanceSuites: readdirSync(CONFORMANCE_SUITES)
      .filter((file) => file.endsWith(".test.ts"))
      .map((file) => file.slice(0, -".test.ts".length)),
  };
  // A sweep cut short has no verdict: Ctrl-C ends it at once, with the shell's 130.
  const interrupted = () => process.exit(130);
  process.once("SIGINT", interrupted);
  try {
    for (const run of runs) onSummary(run, await sweepRun(settings, run, shared));
  } finally {
    process.off("SIGINT", interrupted);
  }
}

interface Shared {
  validator: NdopValidator;
  sandboxValidator: NdopValidator;
  levels: RequirementLevels;
  /** The conformance suites: those with a test file, which `run` gives to vitest. */
  conformanceSuites: readonly string[];
}

async function sweepRun(
  { config, fixtures }: SweepSettings,
  run: SweepRun,
  { sandboxValidator, conformanceSuites, ...shared }: Shared,
): Promise<RunSummary> {
  const startedAt = new Date();
  const sandbox = await startSandbox(
    { ...run.sandbox, port: 0, store: "memory" },
    { validator: sandboxValidator },
  );
  const runConfig: RunConfig = {
    ...config,
    ...run.expects,
    baseUrl: sandbox.baseUrl,
    suites: run.suites,
    sandbox: { ...config.sandbox, faults: [...(run.sandbox.faults ?? [])] },
  };
  const checks: CheckResult[] = [];
  const runErrors: string[] = [];
  const context = await createRunContext(runConfig, { validator: shared.validator });
  try {
    const suites = suitesOf(run, fixtures, conformanceSuites);
    checks.push(...(await judgeRun(runConfig, context, { suites, ...shared, strict: false })));
  } catch (error) {
    runErrors.push(error instanceof Error ? error.message : String(error));
  } finally {
    await context.client.close();
    await sandbox.close();
  }
  return summarise(checks, runErrors, {
    environment: "sandbox",
    baseUrl: sandbox.baseUrl,
    startedAt,
    strict: false,
    tool: toolVersion(),
  });
}

/** The run's suites, each with the fixtures it runs: the run's choice, or every fixture. */
function suitesOf(
  run: SweepRun,
  fixtures: readonly LoadedFixture[],
  conformanceSuites: readonly string[],
): Map<string, LoadedFixture[]> {
  const names = run.suites.length > 0 ? run.suites : conformanceSuites;
  const chosen = (loaded: LoadedFixture) => !run.fixtures || run.fixtures.includes(loaded.id);
  return new Map(
    names.map((suite) => [suite, fixtures.filter((f) => f.suite === suite && chosen(f))]),
  );
}
