import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The create suite runs first: its new patients' Consents are the ones the rest of the run reuses
 * (patient economy, README "Test patients"), so a full run spends no patient beyond them and
 * concurrent runs each reuse their own. The other suites keep a stable, alphabetical order.
 */
class CreateFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) =>
      file.moduleId.endsWith("/create.test.ts") ? `0${file.moduleId}` : `1${file.moduleId}`;
    return [...files].sort((a, b) => rank(a).localeCompare(rank(b)));
  }
}

/**
 * Set only by the project's own tests of the CLI (src/testing/run-cli.ts), which start hundreds of
 * runs: vitest then keeps the suites' transformed modules on disk (node_modules/.experimental-
 * vitest-cache) instead of transforming them again in every run. A user's run does not cache.
 */
const moduleCache = process.env.NDOP_VITEST_MODULE_CACHE === "1";

/**
 * The conformance run: every suite against one target, in order, in one worker (they share the
 * target's state and the patient pool). `ndop-conformance run` starts vitest with this config.
 */
export default defineConfig({
  test: {
    include: ["suites/conformance/**/*.test.ts"],
    globalSetup: ["suites/conformance/global-setup.ts"],
    setupFiles: ["allure-vitest/setup"],
    fileParallelism: false,
    isolate: false,
    // A worker thread, not a forked process: a run starts one Node process instead of two, and
    // the CLI tests' hundred-odd runs took 12% less CPU (626 s, not 712 s) than with forks.
    pool: "threads",
    sequence: { sequencer: CreateFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    ...(moduleCache ? { experimental: { fsModuleCache: true } } : {}),
  },
});
