import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "vite";

/**
 * The project's modules that the conformance suites import, by folder of src/: each is an entry
 * of the bundled build (scripts/bundle-cli.ts), dist/bundle/<folder>.js. The fixture files'
 * reader is imported only when vitest runs the suites without the CLI's fixtures.
 */
export const SUITE_MODULES = ["fixtures", "judge", "report", "fixture-files"] as const;

/**
 * How `ndop-conformance run` has vitest load the project's modules that the conformance suites
 * import: from this build, as Node loads them, not transformed again from src/ by vitest and
 * fetched one by one by the suite worker. The CLI and the suites then run one and the same build.
 * A folder's index is taken from the bundle (a few files, not a hundred modules to resolve and
 * load in every run's worker), any other module from dist/. The suites' own files still go
 * through vitest; vitest run directly on the suites keeps using src/.
 */
export function compiledSources(projectRoot: string): {
  plugin: Plugin;
  external: RegExp;
} {
  const src = join(projectRoot, "src") + sep;
  const dist = join(projectRoot, "dist") + sep;
  const plugin: Plugin = {
    name: "ndop-compiled-sources",
    enforce: "pre",
    resolveId(source, importer) {
      if (importer === undefined || !source.startsWith(".")) return null;
      const path = resolve(dirname(importer), source);
      if (!path.startsWith(src)) return null;
      const module = relative(src, path).replace(/\.ts$/, ".js");
      const bundled = bundledEntry(dist, module);
      const compiled = bundled !== undefined && existsSync(bundled) ? bundled : join(dist, module);
      return existsSync(compiled) ? { id: compiled, external: true } : null;
    },
    // vitest's module cache keeps each suite file with its imports resolved: a file cached
    // before the bundle was built would go on importing dist/'s modules.
    configureVitest({ experimental_defineCacheKeyGenerator }) {
      const key = bundledModulesKey(dist);
      experimental_defineCacheKeyGenerator(() => key);
    },
  };
  return { plugin, external: new RegExp(`^${escapeRegExp(dist)}`) };
}

/** The bundle's entry for a module of src/ (`fixtures/index.js`), if the bundle has one. */
function bundledEntry(dist: string, module: string): string | undefined {
  const folder = SUITE_MODULES.find((name) => module === `${name}/index.js`);
  return folder === undefined ? undefined : bundleFileOf(dist, folder);
}

function bundleFileOf(dist: string, folder: string): string {
  return join(dist, "bundle", `${folder}.js`);
}

/** Which of the suites' modules this build has bundled: what their imports resolve to. */
export function bundledModulesKey(dist: string): string {
  const bundled = SUITE_MODULES.filter((folder) => existsSync(bundleFileOf(dist, folder)));
  return `bundled: ${bundled.join(", ")}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
