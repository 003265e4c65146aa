import { basename } from "node:path";
import type { InlineConfig } from "vitest/node";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { suiteOrder } from "../judge/suite-order.js";

/** The suites' files in the run's order: create first, then by name (suite-order.ts). */
class CreateFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const suiteOf = (file: TestSpecification) => basename(file.moduleId, ".test.ts");
    const order = suiteOrder(files.map(suiteOf));
    return [...files].sort((a, b) => order.indexOf(suiteOf(a)) - order.indexOf(suiteOf(b)));
  }
}

/**
 * The conformance run's vitest settings: every suite against one target, in order, in one worker
 * (they share the target's state and the patient pool). `ndop-conformance run` hands them to
 * vitest itself; suites/conformance/vitest.config.ts gives them to vitest run on the suites.
 */
export function suitesTestConfig(): InlineConfig {
  return {
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
    // Set only by the project's own tests of the CLI (src/testing/run-cli.ts), which start a
    // hundred-odd runs: vitest then keeps the suites' transformed modules on disk
    // (node_modules/.experimental-vitest-cache) instead of transforming them again in every
    // run. A user's run does not cache.
    ...(process.env.NDOP_VITEST_MODULE_CACHE === "1"
      ? { experimental: { fsModuleCache: true } }
      : {}),
  };
}
