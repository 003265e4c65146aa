// Mutation testing, one module at a time: `npm run test:mutation -- --mutate 'src/fhir/**'` (or a
// comma-separated list of files or ranges in one module).
// Default module: src/report. Reports: reports/mutation/ (HTML and JSON). Not part of .ci/run.
//
// src/testing/run-mutation.ts reads --mutate and hands it on as NDOP_MUTATE, with the module in
// NDOP_MUTATION_MODULE: the vitest run for mutants then includes only that module's own tests
// (vitest.mutation.config.ts).
//
// Equivalent mutants (survivors that no test can kill, so they are not counted against the module):
// - src/report: marked where they are (`Stryker disable` comments in baseline.ts, coverage.ts, pretty-xml.ts).
const mutate = process.env.NDOP_MUTATE ?? "src/report/**";
const module = process.env.NDOP_MUTATION_MODULE ?? "report";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: [
    ...mutate.split(",").map((pattern) => (pattern.endsWith("**") ? `${pattern}/*.ts` : pattern)),
    "!**/*.test.ts",
    "!**/index.ts",
  ],
  // One runner by default: the machine has 2 cores, and the sandbox tests run servers of their own.
  concurrency: Number(process.env.NDOP_MUTATION_CONCURRENCY ?? 1),
  // Re-runs test only the mutants whose code or covering tests changed (`-- --incremental`).
  incrementalFile: `reports/mutation/${module}/stryker-incremental.json`,
  coverageAnalysis: "perTest",
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `reports/mutation/${module}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${module}/mutation.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 80, break: null },
};
