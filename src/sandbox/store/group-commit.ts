import type { SqliteDatabase } from "./sqlite-driver.js";

interface Batch {
  /** Settles when the batch's transaction is committed (or could not be). */
  committed: Promise<void>;
  settle: (error?: unknown) => void;
  /** Set when SQLite rolled the whole transaction back: the batch takes no more writes. */
  failed?: unknown;
}

/**
 * Group commit: the writes of one turn of the event loop share one transaction, committed when
 * the turn ends (setImmediate), each write under its own savepoint so that a write that fails
 * leaves the others whole. A commit costs a WAL append, and a WAL checkpoint (with its fsync)
 * every thousand pages: once per batch instead of once per write. The sandbox answers a request
 * only once `committed()` has settled, so an acknowledged write is always a committed one.
 */
export class GroupCommit {
  private batch: Batch | undefined;

  constructor(private readonly db: SqliteDatabase) {}

  /** Runs `change` in the current batch (opening one if none is open) under its own savepoint. */
  write<T>(change: () => T): T {
    const batch = this.batch ?? this.begin();
    if (batch.failed !== undefined) throw batch.failed;
    this.db.exec("SAVEPOINT write");
    try {
      const result = change();
      // Stryker disable next-line StringLiteral: an unreleased savepoint is committed by the batch's COMMIT all the same, and ROLLBACK TO finds the newest of the name.
      this.db.exec("RELEASE write");
      return result;
    } catch (error) {
      this.undo(batch, error);
      throw error;
    }
  }

  /**
   * Settles once every write made so far is committed; rejects when its batch failed. Undefined
   * when nothing waits to be committed.
   */
  committed(): Promise<void> | undefined {
    return this.batch?.committed;
  }

  /** Commits the open batch now (before the database closes). */
  finish(): void {
    if (this.batch) this.commit(this.batch);
  }

  private begin(): Batch {
    this.db.exec("BEGIN IMMEDIATE");
    let settle: Batch["settle"] = () => {};
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Awaited by the requests that wrote in the batch; never an unhandled rejection meanwhile.
    committed.catch(() => {});
    const batch: Batch = { committed, settle };
    this.batch = batch;
    setImmediate(() => this.commit(batch));
    return batch;
  }

  private commit(batch: Batch): void {
    if (this.batch !== batch) return;
    this.batch = undefined;
    if (batch.failed !== undefined) {
      batch.settle(batch.failed);
      return;
    }
    try {
      this.db.exec("COMMIT");
      batch.settle();
    } catch (error) {
      this.rollback();
      batch.settle(error);
    }
  }

  /**
   * Undoes one failed write. When SQLite has already rolled the whole transaction back (a full
   * disk, an I/O error), the batch's earlier writes are gone too: the batch fails, and so does
   * every write still offered to it in this turn, so that none of them is acknowledged.
   */
  private undo(batch: Batch, error: unknown): void {
    try {
      this.db.exec("ROLLBACK TO write");
      // Stryker disable next-line StringLiteral: a savepoint left after ROLLBACK TO is committed empty by the batch's COMMIT; the next write nests a newer one of the name.
      this.db.exec("RELEASE write");
    } catch {
      this.rollback();
      batch.failed = error;
    }
  }

  private rollback(): void {
    try {
      this.db.exec("ROLLBACK");
    } catch {
      // SQLite has already rolled back: the first error is the one to tell.
    }
  }
}
