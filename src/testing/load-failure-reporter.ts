import type { RunnerTestFile as File, RunnerTestCase as Test } from "vitest";
import type { Reporter, Vitest } from "vitest/node";

/** The name of the failed test a test file that cannot load is given. */
export const LOAD_FAILURE_TEST = "the test file loads";

/**
 * For mutation runs only (vitest.mutation.config.ts). Stryker's vitest runner (9.6) builds a
 * mutant's result from the tests vitest collected, and a test file whose import throws collects
 * none: a static mutant that stops a module from loading (a table built wrong at import time) was
 * reported as survived although every test of the module failed with it. This reporter gives such
 * a file one failed test carrying the file's load error, so the mutant counts as killed.
 * A file that loaded is left as it is, passed or failed.
 */
export class LoadFailureAsFailedTest implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  // The files are read where Stryker's runner reads them (the run's state), and changed there.
  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? [])
      if (file.result?.state === "fail" && file.tasks.length === 0)
        file.tasks.push(loadFailure(file));
  }
}

function loadFailure(file: File): Test {
  // Only what a reader of results uses; vitest builds the rest (a test context) for tests it runs.
  const failed = {
    type: "test",
    id: `${file.id}_load`,
    name: LOAD_FAILURE_TEST,
    fullName: `${file.name} ${LOAD_FAILURE_TEST}`,
    mode: "run",
    file,
    suite: file,
    meta: {},
    result: { state: "fail", errors: file.result?.errors ?? [] },
  };
  return failed as unknown as Test;
}
