import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "suites/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
