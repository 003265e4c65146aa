import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { ConformanceError } from "../../errors/index.js";

/**
 * How the SQLite store reaches SQLite. On Node 22.13 and later, the built-in `node:sqlite`: no
 * native build, and better-sqlite3 12 aborts the process on Node 24 (its Statement finalizer trips
 * a Node assertion; better-sqlite3 13 fixes that but needs Node 22). On Node 20, better-sqlite3,
 * loaded only when a SQLite store is opened, so the memory store works even when the native
 * module was built for another Node. A load failure becomes one sentence (exit 2 in the CLI).
 */

const require = createRequire(import.meta.url);

export const NATIVE_MISMATCH_MESSAGE =
  "the SQLite store needs better-sqlite3 built for this Node (run npm rebuild better-sqlite3)";

export interface SqliteStatement<P extends unknown[], R> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
  run(...params: P): { lastInsertRowid: number | bigint };
}

/** The calls the store makes, the same under either driver. */
export interface SqliteDatabase {
  readonly driver: "node:sqlite" | "better-sqlite3";
  readonly open: boolean;
  exec(sql: string): void;
  pragma(setting: string): unknown;
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqliteStatement<P, R>;
  /** `fn` in one BEGIN IMMEDIATE transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: () => T): { immediate(): T };
  close(): void;
}

interface NodeSqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement<unknown[], unknown>;
  close(): void;
}
type NodeSqlite = { DatabaseSync: new (path: string) => NodeSqliteDatabase };

/** The driver this Node uses: node:sqlite where it is built in without a flag, else better-sqlite3. */
export function sqliteDriver(): SqliteDatabase["driver"] {
  return loadNodeSqlite() ? "node:sqlite" : "better-sqlite3";
}

/** Opens (creating if needed) the database at `path`; `addonPath` is a seam for the load-failure test. */
export function openSqliteDatabase(path: string, addonPath?: string): SqliteDatabase {
  const nodeSqlite = addonPath === undefined ? loadNodeSqlite() : undefined;
  const open = nodeSqlite
    ? () => wrapNodeSqlite(new nodeSqlite.DatabaseSync(path))
    : betterSqlite3Opener(path, addonPath);
  try {
    return open();
  } catch (cause) {
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `Cannot open the SQLite store ${path}: ${(cause as Error).message}`,
      { path },
      { cause },
    );
  }
}

/**
 * Whether a write failed on a UNIQUE or PRIMARY KEY constraint, under either driver: better-sqlite3
 * names the extended result code, node:sqlite gives its number (SQLITE_CONSTRAINT_UNIQUE 2067,
 * SQLITE_CONSTRAINT_PRIMARYKEY 1555).
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  return (
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    errcode === 2067 ||
    errcode === 1555
  );
}

/** Loads the driver without opening a database: a run checks this before its suites start. */
export function checkSqliteDriver(addonPath?: string): void {
  if (addonPath === undefined && loadNodeSqlite()) return;
  loadModule();
  loadAddon(addonPath);
}

function loadNodeSqlite(): NodeSqlite | undefined {
  const emitWarning = process.emitWarning;
  // node:sqlite warns on load that it is experimental: said once here, not on every run's stderr.
  process.emitWarning = () => {};
  try {
    return process.getBuiltinModule?.("node:sqlite") as NodeSqlite | undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
}

function wrapNodeSqlite(db: NodeSqliteDatabase): SqliteDatabase {
  // better-sqlite3 waits 5 s for a lock by default; node:sqlite does not wait at all.
  db.exec("PRAGMA busy_timeout = 5000");
  let open = true;
  return {
    driver: "node:sqlite",
    get open() {
      return open;
    },
    exec: (sql) => db.exec(sql),
    pragma: (setting) => db.exec(`PRAGMA ${setting}`),
    prepare: <P extends unknown[], R>(sql: string) =>
      db.prepare(sql) as unknown as SqliteStatement<P, R>,
    transaction: (fn) => ({ immediate: () => inImmediateTransaction(db, fn) }),
    close: () => {
      if (open) db.close();
      open = false;
    },
  };
}

function inImmediateTransaction<T>(db: NodeSqliteDatabase, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    try {
      db.exec("ROLLBACK");
    } catch {
      // SQLite has already rolled back (a failed COMMIT, say): the first error is the one to tell.
    }
    throw error;
  }
}

function betterSqlite3Opener(path: string, addonPath: string | undefined): () => SqliteDatabase {
  const Database = loadModule();
  // Loaded here first, so a load failure is told apart from a file that cannot be opened;
  // better-sqlite3 then finds it in the require cache.
  const addon = loadAddon(addonPath);
  return () => {
    const db = new Database(path, { nativeBinding: addon });
    return Object.assign(db, { driver: "better-sqlite3" as const }) as unknown as SqliteDatabase;
  };
}

function loadModule(): typeof BetterSqlite3 {
  try {
    return require("better-sqlite3") as typeof BetterSqlite3;
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
    const resolved = require.resolve(
      addonPath ?? "better-sqlite3/build/Release/better_sqlite3.node",
    );
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
