import { defineConfig } from "vitest/config";

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
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
