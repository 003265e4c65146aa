import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "suites/**/*.test.ts", "examples/**/*.test.ts"],
    // The conformance suites need a target: `ndop-conformance run` (tested in src/cli) runs them.
    exclude: ["suites/conformance/**", "**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
