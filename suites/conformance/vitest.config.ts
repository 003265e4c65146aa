import { defineConfig } from "vitest/config";
import { suitesTestConfig } from "../../src/cli/suites-config.js";

/**
 * The conformance suites, for vitest run on them directly. `ndop-conformance run` gives vitest
 * the same settings itself (src/cli/suites-vitest.ts), without this file: vite would bundle it
 * and its imports afresh in every run, about 50 ms.
 */
export default defineConfig({ test: suitesTestConfig() });
