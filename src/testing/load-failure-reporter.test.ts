import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { LOAD_FAILURE_TEST } from "./load-failure-reporter.js";

const run = promisify(execFile);
const VITEST = resolve("node_modules/vitest/vitest.mjs");
const REPORTER = resolve("src/testing/load-failure-reporter.ts");

interface JsonResults {
  testResults: {
    name: string;
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

/** A real vitest process on two test files, one of which cannot load, with the reporter first. */
async function resultsOf(withReporter: boolean): Promise<JsonResults> {
  const folder = mkdtempSync(join(tmpdir(), "ndop-load-failure-"));
  writeFileSync(join(folder, "broken.ts"), 'throw new TypeError("built wrong at import");\n');
  writeFileSync(
    join(folder, "broken.test.ts"),
    'import "./broken.ts";\nimport { it } from "vitest";\nit("never runs", () => {});\n',
  );
  writeFileSync(
    join(folder, "fine.test.ts"),
    'import { it } from "vitest";\nit("passes", () => {});\n',
  );
  const reporters = withReporter ? '[new LoadFailureAsFailedTest(), "json"]' : '["json"]';
  writeFileSync(
    join(folder, "vitest.config.ts"),
    `import { LoadFailureAsFailedTest } from ${JSON.stringify(REPORTER)};\n` +
      `export default { test: { include: ["*.test.ts"], reporters: ${reporters}, outputFile: "results.json" } };\n`,
  );
  await run(process.execPath, [VITEST, "run", "--root", folder], { cwd: folder }).catch(
    () => undefined,
  );
  return JSON.parse(readFileSync(join(folder, "results.json"), "utf8")) as JsonResults;
}

const assertionsOf = (results: JsonResults, file: string) =>
  results.testResults
    .find((result) => result.name.endsWith(file))
    ?.assertionResults.map(({ title, status }) => `${title}: ${status}`);

it("gives a test file that cannot load one failed test, with its load error", async () => {
  const results = await resultsOf(true);
  expect(assertionsOf(results, "broken.test.ts")).toEqual([`${LOAD_FAILURE_TEST}: failed`]);
  const failure = results.testResults.find((result) => result.name.endsWith("broken.test.ts"));
  expect(failure?.assertionResults[0]?.failureMessages.join("\n")).toContain(
    "built wrong at import",
  );
  expect(assertionsOf(results, "fine.test.ts")).toEqual(["passes: passed"]);
});

it("without it, such a file has no test at all (what Stryker took for a survivor)", async () => {
  const results = await resultsOf(false);
  expect(assertionsOf(results, "broken.test.ts")).toEqual([]);
  expect(assertionsOf(results, "fine.test.ts")).toEqual(["passes: passed"]);
});
