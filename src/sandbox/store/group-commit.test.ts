import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.js";
import { openSqliteDatabase, type SqliteDatabase } from "./sqlite-driver.js";

/** Group commit on real SQLite files, each read back through a second connection. */

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function database(schema: string): { path: string; db: SqliteDatabase; writes: GroupCommit } {
  const path = join(mkdtempSync(join(tmpdir(), "ndop-group-")), "g.db");
  const db = openSqliteDatabase(path);
  opened.push(db);
  db.pragma("journal_mode = WAL");
  db.exec(schema);
  return { path, db, writes: new GroupCommit(db) };
}

/** The rows another connection sees: only what is committed. */
function committedRows(path: string): number[] {
  const reader = openSqliteDatabase(path);
  opened.push(reader);
  return reader
    .prepare<[], { n: number }>("SELECT n FROM t ORDER BY n")
    .all()
    .map((row) => row.n);
}

describe("group commit", () => {
  it("commits the writes of one turn together, when the turn ends, and then has nothing waiting", async () => {
    const { path, db, writes } = database("CREATE TABLE t (n INTEGER)");
    const insert = db.prepare<[number]>("INSERT INTO t (n) VALUES (?)");
    for (const n of [1, 2, 3]) writes.write(() => insert.run(n));
    const committed = writes.committed();
    expect(committedRows(path)).toEqual([]);
    await committed;
    expect(committedRows(path)).toEqual([1, 2, 3]);
    expect(writes.committed()).toBeUndefined();
  });

  it("undoes a write that throws, whole, and keeps the others of its batch", async () => {
    const { path, db, writes } = database("CREATE TABLE t (n INTEGER)");
    const insert = db.prepare<[number]>("INSERT INTO t (n) VALUES (?)");
    writes.write(() => insert.run(1));
    const failing = () =>
      writes.write(() => {
        insert.run(2);
        throw new Error("refused half-way");
      });
    expect(failing).toThrow("refused half-way");
    writes.write(() => insert.run(3));
    await writes.committed();
    expect(committedRows(path)).toEqual([1, 3]);
  });

  it("rejects committed() when the commit fails, and commits nothing of the batch", async () => {
    // A deferred foreign key is checked at COMMIT: the commit fails, not the write.
    const { path, db, writes } = database(`
      PRAGMA foreign_keys = ON;
      CREATE TABLE parent (n INTEGER PRIMARY KEY);
      CREATE TABLE t (n INTEGER REFERENCES parent (n) DEFERRABLE INITIALLY DEFERRED);`);
    const insert = db.prepare<[number]>("INSERT INTO t (n) VALUES (?)");
    writes.write(() => insert.run(1));
    writes.write(() => insert.run(2));
    await expect(writes.committed()).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(committedRows(path)).toEqual([]);
    // The next turn starts a batch of its own.
    db.exec("INSERT INTO parent (n) VALUES (7)");
    writes.write(() => insert.run(7));
    await writes.committed();
    expect(committedRows(path)).toEqual([7]);
  });

  it("commits what is waiting when finished (before the database closes)", () => {
    const { path, db, writes } = database("CREATE TABLE t (n INTEGER)");
    writes.write(() => db.exec("INSERT INTO t (n) VALUES (5)"));
    writes.finish();
    expect(writes.committed()).toBeUndefined();
    expect(committedRows(path)).toEqual([5]);
  });
  it("fails the whole batch when SQLite has rolled the transaction back, and every later write of the turn", async () => {
    const { path, db, writes } = database("CREATE TABLE t (n INTEGER)");
    const insert = db.prepare<[number]>("INSERT INTO t (n) VALUES (?)");
    writes.write(() => insert.run(1));
    // What SQLite does on a full disk or an I/O error: the whole transaction rolled back, savepoints too.
    const lost = new Error("database or disk is full");
    const failing = () =>
      writes.write(() => {
        db.exec("ROLLBACK");
        throw lost;
      });
    expect(failing).toThrow(lost);
    expect(() => writes.write(() => insert.run(2))).toThrow(lost);
    await expect(writes.committed()).rejects.toBe(lost);
    expect(committedRows(path)).toEqual([]);
    // The next turn starts a batch of its own.
    writes.write(() => insert.run(3));
    await writes.committed();
    expect(committedRows(path)).toEqual([3]);
  });
});
