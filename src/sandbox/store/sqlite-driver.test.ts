import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConformanceError } from "../../errors/index.js";
import {
  cachedOtherRuntime,
  compiledAddonPath,
  pinnedRuntimes,
  spawnSandbox,
} from "../../testing/index.js";
import {
  checkSqliteDriver,
  isUniqueViolation,
  NATIVE_MISMATCH_MESSAGE,
  openSqliteDatabase,
  sqliteDriver,
} from "./sqlite-driver.js";

const scratch = () => mkdtempSync(join(tmpdir(), "ndop-driver-"));
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
/** node:sqlite is built in, without a flag, from Node 22.13. */
const expectedDriver =
  major > 22 || (major === 22 && minor >= 13) ? "node:sqlite" : "better-sqlite3";
const mismatch = expect.objectContaining({
  code: "STORE_UNAVAILABLE",
  message: NATIVE_MISMATCH_MESSAGE,
  // The runtime it needs a rebuild for, and Node's own load error kept as the cause.
  context: { node: process.version, modules: process.versions.modules },
  cause: expect.any(Error),
});

describe("the SQLite driver", () => {
  // The seam: a real dlopen of a file that is no addon for this Node, given as the addon path;
  // Node fails it with ERR_DLOPEN_FAILED, as it does an addon built for another NODE_MODULE_VERSION.
  it("turns a better-sqlite3 addon that does not load into the one-sentence rebuild advice", () => {
    const bogus = join(scratch(), "better_sqlite3.node");
    writeFileSync(bogus, "not a shared object\n");
    const attempt = () => openSqliteDatabase(join(scratch(), "store.db"), bogus);
    expect(attempt).toThrow(ConformanceError);
    expect(attempt).toThrow(mismatch);
    expect(() => checkSqliteDriver(bogus)).toThrow(mismatch);
  });

  it("gives the same advice when the addon was never built", () => {
    const missing = join(scratch(), "build", "Release", "better_sqlite3.node");
    expect(() => checkSqliteDriver(missing)).toThrow(mismatch);
  });

  it(`uses ${expectedDriver} on Node ${process.versions.node}, and rolls back a failed transaction`, () => {
    const db = openSqliteDatabase(join(scratch(), "store.db"));
    expect(db.driver).toBe(expectedDriver);
    db.exec("CREATE TABLE t (n INTEGER NOT NULL)");
    const insert = db.prepare<[number]>("INSERT INTO t (n) VALUES (?)");
    expect(db.transaction(() => Number(insert.run(1).lastInsertRowid)).immediate()).toBe(1);
    const failing = db.transaction(() => {
      insert.run(2);
      throw new Error("planned");
    });
    expect(() => failing.immediate()).toThrow("planned");
    expect(
      db
        .prepare<[], { n: number }>("SELECT n FROM t")
        .all()
        .map((row) => row.n),
    ).toEqual([1]);
    db.close();
    db.close();
    expect(db.open).toBe(false);
  });

  it("names the driver it opens databases with", () => {
    const db = openSqliteDatabase(join(scratch(), "store.db"));
    try {
      expect([sqliteDriver(), db.driver]).toEqual([expectedDriver, expectedDriver]);
    } finally {
      db.close();
    }
  });

  it.skipIf(expectedDriver !== "better-sqlite3")(
    "checks better-sqlite3 by loading it, where Node has no node:sqlite",
    () => {
      const require = createRequire(import.meta.url);
      const main = require.resolve("better-sqlite3");
      // Forgotten first, so that only this check can have loaded it again.
      delete require.cache[main];
      checkSqliteDriver();
      expect(Object.keys(require.cache)).toContain(main);
    },
  );

  it("says in one sentence how to mend an addon that does not load", () => {
    const missing = join(scratch(), "build", "Release", "better_sqlite3.node");
    const thrown = (() => {
      try {
        checkSqliteDriver(missing);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(thrown).toBe(
      "the SQLite store needs better-sqlite3 built for this Node (run npm rebuild better-sqlite3)",
    );
  });

  it("puts back process.emitWarning, silenced only while it looks for node:sqlite", () => {
    const emitWarning = process.emitWarning;
    expect(sqliteDriver()).toBe(expectedDriver);
    const db = openSqliteDatabase(join(scratch(), "store.db"));
    db.close();
    checkSqliteDriver();
    expect(process.emitWarning).toBe(emitWarning);
  });

  it.skipIf(expectedDriver !== "better-sqlite3")(
    "opens the database with the very addon it checked, not one better-sqlite3 searches for",
    () => {
      const require = createRequire(import.meta.url);
      const builtAddon = require.resolve("better-sqlite3/build/Release/better_sqlite3.node");
      const copy = join(scratch(), "better_sqlite3.node");
      copyFileSync(builtAddon, copy);
      // Forgotten first (better-sqlite3 keeps the addon it found in a module variable), so that
      // only this open can load either file again.
      for (const file of Object.keys(require.cache)) {
        if (file.includes(`${sep}better-sqlite3${sep}`)) delete require.cache[file];
      }
      const db = openSqliteDatabase(join(scratch(), "store.db"), copy);
      db.close();
      const loaded = Object.keys(require.cache);
      expect([loaded.includes(copy), loaded.includes(builtAddon)]).toEqual([true, false]);
    },
  );

  it("tells a UNIQUE or PRIMARY KEY violation from other failed writes", () => {
    const db = openSqliteDatabase(join(scratch(), "store.db"));
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE)");
    db.prepare("INSERT INTO t VALUES ('a', 'k')").run();
    const failure = (sql: string) => {
      try {
        db.prepare(sql).run();
      } catch (error) {
        return error;
      }
      throw new Error(`${sql} did not fail`);
    };
    expect([
      isUniqueViolation(failure("INSERT INTO t VALUES ('b', 'k')")),
      isUniqueViolation(failure("INSERT INTO t VALUES ('a', 'other')")),
      isUniqueViolation(failure("INSERT INTO t VALUES ('c', NULL)")),
    ]).toEqual([true, true, false]);
    db.close();
  });

  it("reads node:sqlite's numeric extended codes the same way, whatever driver runs here", () => {
    // node:sqlite (Node 22.13+) puts the extended result code in `errcode`: 2067 UNIQUE,
    // 1555 PRIMARYKEY, 1299 NOT NULL. These are the shapes it throws, built by hand for Node 20.
    const thrown = (errcode: number) => Object.assign(new Error("constraint failed"), { errcode });
    expect([thrown(2067), thrown(1555), thrown(1299)].map(isUniqueViolation)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("keeps a path it cannot open a file error", () => {
    expect(() => openSqliteDatabase("/nonexistent/dir/x.db")).toThrow(
      expect.objectContaining({
        code: "FILE_UNREADABLE",
        context: { path: "/nonexistent/dir/x.db" },
        cause: expect.any(Error),
      }),
    );
  });

  it("is not loaded by importing the sandbox; better-sqlite3 only by a SQLite store on Node 20", () => {
    const sandbox = fileURLToPath(new URL("../../../dist/sandbox/index.js", import.meta.url));
    const probe = `
      import { createRequire } from "node:module";
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes("better-sqlite3"));
      const { openStore } = await import(${JSON.stringify(sandbox)});
      openStore("memory").close();
      const afterMemory = loaded();
      openStore(${JSON.stringify(`sqlite:${join(scratch(), "s.db")}`)}).close();
      console.log(JSON.stringify({ afterMemory, afterSqlite: loaded() }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
      encoding: "utf8",
    });
    // Empty stderr: no ExperimentalWarning from node:sqlite either.
    expect({ stderr: run.stderr, ...JSON.parse(run.stdout) }).toEqual({
      stderr: "",
      afterMemory: false,
      afterSqlite: expectedDriver === "better-sqlite3",
    });
  });
});

// Real builds for other Nodes, which npm test never downloads or compiles: they are there once
// `npm run test:runtimes` has run on this machine.
const betterSqliteVersion = (
  JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve("better-sqlite3/package.json"), "utf8"),
  ) as { version: string }
).version;
const otherAddon = pinnedRuntimes()
  .filter((pin) => pin.line !== String(major))
  .map((pin) => compiledAddonPath(pin.version, betterSqliteVersion))
  .find((path) => existsSync(path));

describe.skipIf(expectedDriver !== "better-sqlite3" || otherAddon === undefined)(
  `better-sqlite3 compiled for another Node (${otherAddon ?? "none cached, or this Node uses node:sqlite"})`,
  () => {
    it("is refused with the rebuild advice", () => {
      expect(() => openSqliteDatabase(join(scratch(), "s.db"), otherAddon)).toThrow(mismatch);
    });
  },
);

const other = cachedOtherRuntime();
describe.skipIf(other === undefined)(
  `the built CLI under another cached Node (${other?.version ?? "none cached: run npm run test:runtimes"})`,
  () => {
    it("serves a SQLite store with this tree's node_modules, without a rebuild, and warns of nothing", async () => {
      const file = join(scratch(), "s.db");
      const sandbox = await spawnSandbox(
        ["--store", `sqlite:${file}`, "--relaxed-security"],
        other?.node,
      );
      // The store answers: no such Consent (404), rather than the sandbox failing to start.
      const answer = await fetch(`${sandbox.baseUrl}/Consent/no-such-id/_history`);
      sandbox.child.kill("SIGTERM");
      expect({
        status: answer.status,
        exit: await sandbox.exited,
        file: existsSync(file),
        warnings: sandbox.output.filter((line) => /warning/i.test(line)),
      }).toEqual({ status: 404, exit: 0, file: true, warnings: [] });
    });
  },
);
