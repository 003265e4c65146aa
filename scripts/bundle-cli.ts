/**
 * `npm run build`'s last step: the CLI bundled from tsc's output (dist/) into dist/bundle/, which
 * is what `ndop-conformance` and `npm start` run. On Node 20, which keeps no compiled code between
 * runs, resolving and loading some 240 modules one by one was most of a run's first half-second;
 * the bundle is a few dozen files. Its entries: the CLI, the `validate --jobs` worker, and the
 * modules the conformance suites import (compiled-suites.ts), which a run's worker loads from here.
 * Commands stay lazy: each is its own file, loaded when it runs (code splitting).
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SUITE_MODULES } from "../src/cli/compiled-suites.js";

/**
 * The packages bundled: ESM only, and many small modules each (zod alone was 95 a run). Every
 * other dependency is left for Node to load, once: the CommonJS ones are also loaded through
 * createRequire (a second, bundled copy would break instanceof), some are native addons, and
 * vitest, vite and allure load the suites themselves.
 */
const BUNDLED_PACKAGES = new Set(["zod", "jose"]);

const root = new URL("../", import.meta.url);
const dist = new URL("dist/", root);
const out = new URL("bundle/", dist);

const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  dependencies: Record<string, string>;
};
const external = Object.keys(manifest.dependencies)
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const inDist = (file: string) => fileURLToPath(new URL(file, dist));
const entryPoints = {
  main: inDist("cli/main.js"),
  "validate-worker": inDist("cli/validate-worker.js"),
  ...Object.fromEntries(SUITE_MODULES.map((folder) => [folder, inDist(`${folder}/index.js`)])),
};

rmSync(out, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints,
  // One folder below dist/, as tsc's files are: their paths from import.meta.url ("../../profiles")
  // hold in the bundle too.
  outdir: fileURLToPath(out),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "[name]-[hash]",
  external,
  // What the build's caches are kept under (src/fhir/profile-read-cache.ts): a new id every build,
  // so that no build is given what another build's code read.
  define: { __NDOP_BUILD_ID__: JSON.stringify(randomUUID()) },
  metafile: true,
  logLevel: "warning",
});
// What each file holds, for the tests of the bundle (src/cli/suite-worker-modules.test.ts).
writeFileSync(new URL("metafile.json", out), JSON.stringify(metafile));
