import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConformanceError } from "../../errors/index.js";
import { cachedOtherRuntime, runBuiltCli, spawnSandbox } from "../../testing/index.js";
import { checkSqliteDriver, NATIVE_MISMATCH_MESSAGE, openSqliteDatabase } from "./sqlite-driver.js";

const scratch = () => mkdtempSync(join(tmpdir(), "ndop-driver-"));
const MISMATCH_LINE = `ndop-conformance: ${NATIVE_MISMATCH_MESSAGE}\n`;

describe("loading the SQLite driver", () => {
  // The seam: a real dlopen of a file that is no addon for this Node, given as the addon path;
  // Node fails it with ERR_DLOPEN_FAILED, as it does an addon built for another NODE_MODULE_VERSION.
  it("turns an addon that does not load into the one-sentence rebuild advice", () => {
    const bogus = join(scratch(), "better_sqlite3.node");
    writeFileSync(bogus, "not a shared object\n");
    const attempt = () => openSqliteDatabase(join(scratch(), "store.db"), bogus);
    expect(attempt).toThrow(ConformanceError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: "STORE_UNAVAILABLE", message: NATIVE_MISMATCH_MESSAGE }),
    );
    expect(() => checkSqliteDriver(bogus)).toThrow(NATIVE_MISMATCH_MESSAGE);
  });

  it("gives the same advice when the addon was never built", () => {
    const missing = join(scratch(), "build", "Release", "better_sqlite3.node");
    expect(() => checkSqliteDriver(missing)).toThrow(
      expect.objectContaining({ code: "STORE_UNAVAILABLE", message: NATIVE_MISMATCH_MESSAGE }),
    );
  });

  it("opens the store with the addon built for this Node, and keeps a bad path a file error", () => {
    const db = openSqliteDatabase(join(scratch(), "store.db"));
    expect(db.prepare("SELECT 41 + 1 AS answer").get()).toEqual({ answer: 42 });
    db.close();
    expect(() => openSqliteDatabase("/nonexistent/dir/x.db")).toThrow(
      expect.objectContaining({ code: "FILE_UNREADABLE" }),
    );
  });

  it("is not loaded by importing the sandbox, only by opening a SQLite store", () => {
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
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ afterMemory: false, afterSqlite: true });
  });
});

// A real process under another Node, with the better-sqlite3 built for this one. npm test never
// downloads a Node: this runs once `npm run test:runtimes` has put one in the cache.
const other = cachedOtherRuntime();
describe.skipIf(other === undefined)(
  `under another cached Node (${other?.version ?? "none cached: run npm run test:runtimes"})`,
  () => {
    const node = other?.node ?? "";

    it("sandbox --store sqlite: says to rebuild, in one line, and exits 2", () => {
      const run = runBuiltCli(
        ["sandbox", "--port", "0", "--store", `sqlite:${join(scratch(), "s.db")}`],
        {},
        node,
      );
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
        status: 2,
        stderr: MISMATCH_LINE,
        stdout: "",
      });
    });

    it("run with NDOP_SANDBOX_STORE=sqlite: says the same before any suite starts", () => {
      const env = { NDOP_SANDBOX_STORE: `sqlite:${join(scratch(), "s.db")}`, NDOP_ENV: "sandbox" };
      const run = runBuiltCli(["run", "--reports-dir", scratch()], env, node);
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
        status: 2,
        stderr: MISMATCH_LINE,
        stdout: "",
      });
    });

    it("the memory store still serves", async () => {
      const sandbox = await spawnSandbox(["--store", "memory", "--relaxed-security"], node);
      // The store answers: no such Consent (404), rather than the sandbox failing to start.
      const answer = await fetch(`${sandbox.baseUrl}/Consent/no-such-id/_history`);
      sandbox.child.kill("SIGTERM");
      expect({ status: answer.status, exit: await sandbox.exited }).toEqual({
        status: 404,
        exit: 0,
      });
    });
  },
);
