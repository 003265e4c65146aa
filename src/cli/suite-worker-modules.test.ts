import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { moduleLog } from "../testing/index.js";
import { compiledSources, SUITE_MODULES } from "./compiled-suites.js";
import { PROJECT_ROOT } from "./preflight.js";

/**
 * A run's suites work in a worker thread, which loads its own copy of every module they import,
 * from the bundle (scripts/bundle-cli.ts): each module they do not need is paid by every run
 * (patient-soak.test.ts makes 18 runs). They need the fixtures, the judge, the client, the
 * validator and the report, never the sandbox (the CLI's thread serves it), never jose's index
 * (46 modules; NDOP tokens are unsigned), and never the fixture files' reader with zod (the CLI
 * reads and checks the files). What each bundle file holds is esbuild's metafile.
 */
const BUNDLE = join(PROJECT_ROOT, "dist/bundle/");
let read: Metafile | undefined;
/** Read once, on first use (npm test builds the bundle before any test file loads). */
const metafile = (): Metafile =>
  (read ??= JSON.parse(readFileSync(join(BUNDLE, "metafile.json"), "utf8")) as Metafile);
const SUITES_IMPORT = ["fixtures", "judge", "report"];
const bundleFile = (name: string) => join(BUNDLE, `${name}.js`);

/** The files an entry loads when imported (static imports only: dynamic ones load on demand). */
function loadedWith(meta: Metafile, entries: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const next of meta.outputs[file]?.imports ?? [])
      if (next.kind === "import-statement" && !next.external) visit(next.path);
  };
  for (const entry of entries) visit(`dist/bundle/${entry}.js`);
  return files;
}

/** Every module with code in the bundle (esbuild lists the ones it dropped whole, too). */
function bundledInputs(meta: Metafile): string[] {
  const inputs = Object.values(meta.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([input, { bytesInOutput }]) =>
      bytesInOutput > 0 ? [input] : [],
    ),
  );
  return [...new Set(inputs)];
}

function inputsOf(meta: Metafile, files: Set<string>): string[] {
  return [...files].flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
}

describe("the modules a run's suite worker loads", () => {
  it("are the suites' own folders, without the sandbox, jose's index or zod", () => {
    const inputs = inputsOf(metafile(), loadedWith(metafile(), SUITES_IMPORT));
    const folders = new Set(inputs.flatMap((input) => input.match(/^dist\/([^/]+)\//)?.[1] ?? []));
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
    const packages = inputs.flatMap((input) => input.match(/node_modules\/(.+)$/)?.[1] ?? []);
    expect(packages.filter((file) => file.startsWith("zod/"))).toEqual([]);
    expect(packages).not.toContain("jose/dist/webapi/index.js");
    expect(packages).toContain("jose/dist/webapi/jwt/unsecured.js");
  });

  it("are the files the metafile lists, and no package esbuild bundled", () => {
    const log = moduleLog();
    const script = SUITES_IMPORT.map(
      (name) => `await import(${JSON.stringify(pathToFileURL(bundleFile(name)).href)});`,
    ).join("\n");
    execFileSync(process.execPath, [...log.nodeArgs, "--input-type=module", "-e", script]);
    const bundleUrl = pathToFileURL(BUNDLE).href;
    const loaded = log.loaded();
    expect(
      loaded
        .flatMap((url) => (url.startsWith(bundleUrl) ? [url.slice(bundleUrl.length)] : []))
        .sort(),
    ).toEqual(
      [...loadedWith(metafile(), SUITES_IMPORT)]
        .map((file) => file.replace(/^dist\/bundle\//, ""))
        .sort(),
    );
    expect(loaded.filter((url) => /\/node_modules\/(zod|jose)\//.test(url))).toEqual([]);
  });
});

describe("the bundle", () => {
  it("holds no package but zod and jose: one copy of each package that is also required", () => {
    const packages = new Set(
      bundledInputs(metafile()).flatMap(
        (input) => input.match(/node_modules\/((@[^/]+\/)?[^/]+)\//)?.[1] ?? [],
      ),
    );
    expect([...packages].sort()).toEqual(["jose", "zod"]);
  });

  it("takes from zod only what the fixture schema uses: English, none of its other locales", () => {
    const locales = bundledInputs(metafile()).flatMap(
      (input) => input.match(/node_modules\/zod\/v4\/locales\/(.+)$/)?.[1] ?? [],
    );
    expect(locales).toEqual(["en.js"]);
  });

  it("is what users run, and what a run's suites import", () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(manifest.bin).toEqual({ "ndop-conformance": "dist/bundle/main.js" });
    expect(manifest.scripts.start).toBe("node dist/bundle/main.js run");
    const { plugin } = compiledSources(PROJECT_ROOT);
    const suite = join(PROJECT_ROOT, "suites/conformance/conformance-suite.ts");
    const resolve = (source: string) =>
      (plugin.resolveId as (source: string, importer: string) => unknown)(source, suite);
    for (const folder of SUITE_MODULES)
      expect(resolve(`../../src/${folder}/index.js`)).toEqual({
        id: bundleFile(folder),
        external: true,
      });
    expect(resolve("../../src/config/index.js")).toEqual({
      id: join(PROJECT_ROOT, "dist/config/index.js"),
      external: true,
    });
    expect(resolve("vitest")).toBeNull();
  });
});
