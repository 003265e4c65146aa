import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JUnitReporter, type TestModule, type Vitest } from "vitest/node";
import { JUnitFileReporter } from "./junit-reporter.js";

/** Two suite files as vitest hands them to reporters: checks that passed, failed and were skipped. */
function finishedModules(): TestModule[] {
  return ["create", "history"].map((suite) => {
    const file = { type: "suite", name: `${suite}.test.ts`, filepath: `/p/${suite}.test.ts` };
    const check = (name: string, state: string, mode = "run") => ({
      type: "test",
      name,
      mode,
      file,
      meta: {},
      annotations: [],
      result: { state, duration: 12.5 },
    });
    const tasks = [check(`${suite} answers`, "pass"), check(`${suite} & <refuses>`, "pass")];
    if (suite === "history") tasks.push(check("skipped one", "skip", "skip"));
    return { task: { ...file, file, mode: "run", tasks, result: { duration: 40 } } };
  }) as unknown as TestModule[];
}

async function junitFile(reporter: JUnitReporter): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), "ndop-junit-"));
  const file = join(folder, "junit.xml");
  const ctx = { config: { root: "/p", outputFile: { junit: file } }, logger: { log() {} } };
  await reporter.onInit(ctx as unknown as Vitest);
  await reporter.onTestRunEnd(finishedModules());
  return readFileSync(file, "utf8").replace(/timestamp="[^"]+"/g, 'timestamp="T"');
}

describe("JUnitFileReporter", () => {
  it("writes the file vitest's JUnit reporter writes, byte for byte", async () => {
    const options = { suiteName: "NDOP conformance (sandbox)", hostname: "ci" };
    const ours = await junitFile(new JUnitFileReporter(options));
    expect(ours).toBe(await junitFile(new JUnitReporter(options)));
    expect(ours).toContain('<testsuites name="NDOP conformance (sandbox)" tests="5" failures="0"');
    expect(ours).toContain(
      '<testcase classname="history.test.ts" name="history &amp; &lt;refuses&gt;"',
    );
    expect(ours.split("\n").length).toBe(19);
  });
});
