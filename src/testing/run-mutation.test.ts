import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../cli/preflight.js";

/** `npm run test:mutation` with these arguments, refused before Stryker starts (so it never runs here). */
function refused(...args: string[]) {
  return spawnSync("node", ["--import", "tsx", "src/testing/run-mutation.ts", ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
  });
}

/** The `mutate` list stryker.config.mjs gives Stryker for this NDOP_MUTATE (as run-mutation hands it on). */
function mutateList(patterns: string): string[] {
  const run = spawnSync(
    "node",
    [
      "--input-type=module",
      "-e",
      'const { default: c } = await import("./stryker.config.mjs"); console.log(JSON.stringify(c.mutate));',
    ],
    { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, NDOP_MUTATE: patterns } },
  );
  return JSON.parse(run.stdout) as string[];
}

describe("npm run test:mutation", () => {
  it("refuses paths of two modules: it runs one module's tests", () => {
    const run = refused("--mutate", "src/fhir/a.ts,src/sandbox/b.ts");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "--mutate takes paths under one module, such as 'src/fhir/**' or 'src/fhir/a.ts,src/fhir/b.ts' (got 'src/fhir/a.ts,src/sandbox/b.ts').\n",
    );
  });

  it("refuses a path outside the modules", () => {
    const run = refused("--mutate", "lib/x.ts");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("(got 'lib/x.ts').");
  });

  it("hands Stryker every path of a comma-separated list, a module's ** as its TypeScript files", () => {
    expect(mutateList("src/sandbox/**,src/sandbox/rule-set.ts:40:5-40:60")).toEqual([
      "src/sandbox/**/*.ts",
      "src/sandbox/rule-set.ts:40:5-40:60",
      "!**/*.test.ts",
      "!**/index.ts",
    ]);
  });
});
