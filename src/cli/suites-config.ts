import { accessSync, constants, mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { InlineConfig } from "vitest/node";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { suiteOrder } from "../judge/suite-order.js";
import { PROJECT_ROOT } from "./project-root.js";

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
    ...moduleCacheIn(PROJECT_ROOT),
  };
}

/**
 * vitest's module cache: the suites' files, transformed once and kept on disk, not transformed
 * again in every run; 0.1 s and 0.1 CPU-s of each run (2.39 s against 2.51 s, 10 alternating
 * runs). Kept in this installation's own node_modules: the cache holds code that runs, so never
 * in a folder that others can write to, such as the system's temporary folder. Where that folder
 * cannot be written (a read-only installation), runs go without it rather than fail.
 */
export function moduleCacheIn(projectRoot: string): Pick<InlineConfig, "experimental"> {
  const folder = join(projectRoot, "node_modules", ".experimental-vitest-cache");
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch {
    return {};
  }
  return { experimental: { fsModuleCache: true, fsModuleCachePath: folder } };
}
