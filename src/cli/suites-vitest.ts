import type { ViteUserConfig } from "vitest/config";
import type { CliOptions } from "vitest/node";
import type { RunConfig } from "../config/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import { compiledSources } from "./compiled-suites.js";
import { PROJECT_ROOT } from "./preflight.js";
import { suitesTestConfig } from "./suites-config.js";

declare module "vitest" {
  /** What the suites `inject()`. */
  export interface ProvidedContext {
    /** The run's settings, with the target's base URL. */
    ndopRun: RunConfig;
    /**
     * The run's fixtures, as preflight read and checked them and the selection chose them: the
     * suites run exactly these, instead of reading and checking them again. Absent when vitest
     * runs the suites directly, which then run every fixture.
     */
    ndopFixtures?: LoadedFixture[];
  }
}

/** The conformance suites' test file for each suite named. */
export function suiteFiles(suites: readonly string[]): string[] {
  return suites.map((suite) => `suites/conformance/${suite}.test.ts`);
}

/**
 * The vitest settings of a run of the conformance suites: the suites' own (suites-config.ts), the
 * project as root, and the project's modules taken from this build (compiled-suites.ts).
 */
export function suitesVitestSettings(): { options: CliOptions; overrides: ViteUserConfig } {
  const compiled = compiledSources(PROJECT_ROOT);
  return {
    options: {
      // The suites' settings from this build, not their config file: vite would bundle that file
      // and its imports afresh in every run (about 50 ms of each).
      config: false,
      ...suitesTestConfig(),
      root: PROJECT_ROOT,
      watch: false,
      passWithNoTests: true,
      server: { deps: { external: [compiled.external] } },
    },
    overrides: { plugins: [compiled.plugin] },
  };
}
