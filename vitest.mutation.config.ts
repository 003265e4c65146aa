import { defineConfig } from "vitest/config";
import { LoadFailureAsFailedTest } from "./src/testing/load-failure-reporter.js";

// For Stryker only: the mutated module's own tests (NDOP_MUTATION_MODULE, set by stryker.config.mjs).
const module = process.env.NDOP_MUTATION_MODULE ?? "report";

export default defineConfig({
  test: {
    include: [`src/${module}/**/*.test.ts`],
    // This test drives the built CLI (dist/), which Stryker does not rebuild from the mutated
    // source, so it can kill no mutant; it would only add its run time to every static mutant.
    exclude: ["src/sandbox/durability.test.ts"],
    // A mutant that stops a module from loading fails every test file importing it: counted as
    // killed, not (as Stryker's vitest runner has it) survived for want of a collected test.
    reporters: ["default", new LoadFailureAsFailedTest()],
    // Instrumented code runs several times slower: the 909,091-number range walk took over 30 s under load.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
