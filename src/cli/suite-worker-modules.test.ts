import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { moduleLog } from "../testing/index.js";
import { PROJECT_ROOT } from "./preflight.js";

/**
 * A run's suites work in a worker thread, which loads its own copy of every module they import:
 * each module they do not need is paid by every run (patient-soak.test.ts makes 18 runs). They
 * need the fixtures, the judge, the client, the validator and the report, never the sandbox (the
 * CLI's thread serves it), never jose's index (46 modules; NDOP tokens are unsigned), and never
 * the fixture files' reader with zod (99 modules: the CLI reads and checks the files). A fresh
 * process, with a module hook that writes down every module loaded, imports what they import.
 */
const SCRIPT = `
for (const folder of ["report", "fixtures", "fhir", "client", "judge"])
  await import("./dist/" + folder + "/index.js");
`;

const OWN_DIST = pathToFileURL(join(PROJECT_ROOT, "dist/")).href;

function modulesLoadedBySuites(): string[] {
  const log = moduleLog();
  execFileSync(process.execPath, [...log.nodeArgs, "--input-type=module", "-e", SCRIPT], {
    cwd: PROJECT_ROOT,
  });
  return log.loaded();
}

describe("the modules a run's suite worker loads", () => {
  it("are the suites' own folders, without the sandbox, jose's index or zod", () => {
    const loaded = modulesLoadedBySuites();
    const folders = new Set(
      loaded.flatMap((url) =>
        url.startsWith(OWN_DIST) ? [url.slice(OWN_DIST.length).split("/")[0]] : [],
      ),
    );
    expect([...folders].sort()).toEqual([
      "client",
      "config",
      "errors",
      "fhir",
      "fixtures",
      "judge",
      "report",
      "safety",
    ]);
    expect(loaded.filter((url) => url.includes("/node_modules/jose/dist/webapi/index.js"))).toEqual(
      [],
    );
    expect(loaded.filter((url) => url.includes("/node_modules/zod/"))).toEqual([]);
    expect(
      loaded.some((url) => url.includes("/node_modules/jose/dist/webapi/jwt/unsecured.js")),
    ).toBe(true);
  });
});
