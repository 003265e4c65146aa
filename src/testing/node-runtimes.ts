import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** One pinned Node runtime: its LTS line ("22") and exact version ("22.23.3"). */
export interface PinnedRuntime {
  line: string;
  version: string;
}

const PINS = new URL("../../scripts/runtimes.json", import.meta.url);

/** The runtimes `npm run test:runtimes` installs, from the one file that pins them. */
export function pinnedRuntimes(): PinnedRuntime[] {
  const pins = JSON.parse(readFileSync(PINS, "utf8")) as { runtimes: Record<string, string> };
  return Object.entries(pins.runtimes).map(([line, version]) => ({ line, version }));
}

/** Outside the project, so a fresh clone or `npm ci` keeps the downloads. */
export function runtimeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "ndop-conformance", "runtimes");
}

export function runtimeDir(version: string): string {
  return join(runtimeCacheDir(), `node-v${version}`);
}

/** The node binary of a runtime already in the cache, or undefined. */
export function cachedRuntimeNode(version: string): string | undefined {
  const node = join(runtimeDir(version), "bin", "node");
  return existsSync(node) ? node : undefined;
}

/**
 * A cached runtime of another major line than this process: its native modules need another
 * NODE_MODULE_VERSION, so a better-sqlite3 built for this Node cannot load there.
 */
export function cachedOtherRuntime(): { version: string; node: string } | undefined {
  const thisLine = process.versions.node.split(".")[0];
  for (const { line, version } of pinnedRuntimes()) {
    const node = cachedRuntimeNode(version);
    if (line !== thisLine && node) return { version, node };
  }
  return undefined;
}

/** Where `npm run test:runtimes` keeps the better-sqlite3 addon it compiled for a runtime. */
export function compiledAddonPath(runtimeVersion: string, betterSqliteVersion: string): string {
  return join(runtimeDir(runtimeVersion), `better-sqlite3-${betterSqliteVersion}.node`);
}
