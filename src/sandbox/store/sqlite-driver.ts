import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { ConformanceError } from "../../errors/index.js";

/**
 * How the SQLite store reaches SQLite: better-sqlite3, loaded only when a SQLite store is opened,
 * so the memory store (and everything else) works even when the native module was built for
 * another Node. Load failures become one sentence the CLI prints with exit 2.
 */

const require = createRequire(import.meta.url);

export const NATIVE_MISMATCH_MESSAGE =
  "the SQLite store needs better-sqlite3 built for this Node (run npm rebuild better-sqlite3)";

type DatabaseConstructor = typeof BetterSqlite3;
export type SqliteDatabase = BetterSqlite3.Database;

/** The compiled addon npm builds with `node-gyp rebuild --release`. */
export function defaultAddonPath(): string {
  return require.resolve("better-sqlite3/build/Release/better_sqlite3.node");
}

/** Opens (creating if needed) the database at `path`; `addonPath` is a seam for the load-failure test. */
export function openSqliteDatabase(path: string, addonPath?: string): SqliteDatabase {
  const Database = loadModule();
  // Loaded here first, so a load failure is told apart from a file that cannot be opened;
  // better-sqlite3 then finds it in the require cache.
  const addon = loadAddon(addonPath);
  try {
    return new Database(path, { nativeBinding: addon });
  } catch (cause) {
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `Cannot open the SQLite store ${path}: ${(cause as Error).message}`,
      { path },
      { cause },
    );
  }
}

/** Loads the driver without opening a database: a run checks this before its suites start. */
export function checkSqliteDriver(addonPath?: string): void {
  loadModule();
  loadAddon(addonPath);
}

function loadModule(): DatabaseConstructor {
  try {
    return require("better-sqlite3") as DatabaseConstructor;
  } catch (cause) {
    throw new ConformanceError(
      "STORE_UNAVAILABLE",
      "the SQLite store needs better-sqlite3, which is not installed (run npm ci)",
      {},
      { cause },
    );
  }
}

/** Returns the addon's resolved path, once it has loaded. */
function loadAddon(addonPath: string | undefined): string {
  try {
    const resolved = require.resolve(addonPath ?? defaultAddonPath());
    require(resolved);
    return resolved;
  } catch (cause) {
    // ERR_DLOPEN_FAILED (built for another NODE_MODULE_VERSION, or not an addon at all) or
    // MODULE_NOT_FOUND (never built): a rebuild under this Node mends both.
    throw new ConformanceError(
      "STORE_UNAVAILABLE",
      NATIVE_MISMATCH_MESSAGE,
      { node: process.version, modules: process.versions.modules },
      { cause },
    );
  }
}
