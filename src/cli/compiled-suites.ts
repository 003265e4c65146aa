import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "vite";

/**
 * How `ndop-conformance run` has vitest load the project's modules that the conformance suites
 * import (src/client, src/fhir, src/fixtures, src/report): from this build (dist/), as Node
 * loads them, not transformed again from src/ by vitest and fetched one by one by the suite
 * worker. The CLI and the suites then run one and the same build. The suites' own files still
 * go through vitest; vitest run directly on the suites keeps using src/.
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
      const compiled = join(dist, relative(src, path)).replace(/\.ts$/, ".js");
      return existsSync(compiled) ? { id: compiled, external: true } : null;
    },
  };
  return { plugin, external: new RegExp(`^${escapeRegExp(dist)}`) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
