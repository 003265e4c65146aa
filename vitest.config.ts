import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take minutes (each runs the CLI against dozens of sandboxes): they start first,
 * so the short files fill the other workers around them instead of waiting at the end. The rest
 * keep vitest's own order (slowest last time first, from its results cache).
 */
const LONGEST_FIRST = [
  "src/cli/run-faults.test.ts",
  "src/cli/patient-soak.test.ts",
  "src/cli/run-variants.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "suites/**/*.test.ts", "examples/**/*.test.ts"],
    // The conformance suites need a target: `ndop-conformance run` (tested in src/cli) runs them.
    exclude: ["suites/conformance/**", "**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at once on 2 cores (vitest's default, cores - 1, ran one at a time): most CLI
    // files keep one core busy, so the other sat idle. Three at once was too many for loaded
    // cores (Production-guard runs passed their 30 s timeout); the CLI runs now cost a third less.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    sequence: { sequencer: LongestFirst },
  },
});
