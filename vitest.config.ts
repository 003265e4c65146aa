import { availableParallelism, loadavg } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest files (each runs the CLI a dozen times or more, one run after another): they start
 * first, so the short files fill the other workers around them instead of waiting at the end. The
 * rest keep vitest's own order (slowest last time first, from its results cache).
 */
const LONGEST_FIRST = [
  "src/cli/patient-soak.test.ts",
  "src/cli/production-guard.test.ts",
  "src/cli/run-verdict.test.ts",
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

/**
 * Two files at once on 2 cores (vitest's default, cores - 1, runs one at a time there): most CLI
 * files keep one core busy with their runs, so the other sat idle. On a machine already running
 * twice as much as its cores (load average, as `make -l` judges it), one at a time: two files
 * beside other work pushed CLI runs past their 30 s timeout (npm test at load 15-20). Not at the
 * core count: work that has just finished (a benchmark, `npm ci`) leaves the 1-minute load near
 * it for a minute, and one file at a time then took npm test from 263 s to 403 s.
 */
function testFilesAtOnce(): number {
  const cores = availableParallelism();
  return (loadavg()[0] ?? 0) >= 2 * cores ? Math.max(cores - 1, 1) : Math.max(cores - 1, 2);
}

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "suites/**/*.test.ts",
      "examples/**/*.test.ts",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    // The conformance suites need a target: `ndop-conformance run` (tested in src/cli) runs them.
    exclude: ["suites/conformance/**", "**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Worker threads, each kept for file after file with the modules it has loaded: a fresh
    // process per test file (vitest's default, forks and isolation) spent most of the unit
    // tests' time loading modules. On src/fhir, sandbox, fixtures, report and config: 147 CPU-s
    // and 81 s wall before, 63 CPU-s and 34 s after. The tests share no state that needs a fresh
    // module (fake timers are restored; the tests of fresh-process behaviour start processes).
    pool: "threads",
    isolate: false,
    maxWorkers: testFilesAtOnce(),
    sequence: { sequencer: LongestFirst },
  },
});
