import { join } from "node:path";
import type { ViteUserConfig } from "vitest/config";
import type { CliOptions } from "vitest/node";
import type { RunConfig } from "../config/index.js";
import { compiledSources } from "./compiled-suites.js";
import { PROJECT_ROOT } from "./preflight.js";

declare module "vitest" {
  /** What the suites `inject()`: the run's settings, with the target's base URL. */
  export interface ProvidedContext {
    ndopRun: RunConfig;
  }
}

/** The conformance suites' test file for each suite named. */
export function suiteFiles(suites: readonly string[]): string[] {
  return suites.map((suite) => `suites/conformance/${suite}.test.ts`);
}

/**
 * The vitest settings of a run of the conformance suites: the suites' own config, the project as
 * root, and the project's modules taken from this build (compiled-suites.ts).
 */
export function suitesVitestSettings(): { options: CliOptions; overrides: ViteUserConfig } {
  const compiled = compiledSources(PROJECT_ROOT);
  return {
    options: {
      config: join(PROJECT_ROOT, "suites", "conformance", "vitest.config.ts"),
      root: PROJECT_ROOT,
      watch: false,
      passWithNoTests: true,
      server: { deps: { external: [compiled.external] } },
    },
    overrides: { plugins: [compiled.plugin] },
  };
}
