import type { JsonObject } from "../../fhir/index.js";
import type {
  ConsentStore,
  CreateOutcome,
  NewVersion,
  StoredVersion,
  UpdateOutcome,
} from "./consent-store.js";
import { GroupCommit } from "./group-commit.js";
import { keyOf, parseKey, updateRefusal } from "./preference-key.js";
import { openSqliteDatabase, type SqliteDatabase } from "./sqlite-driver.js";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS consents (
    id TEXT PRIMARY KEY,
    preference_key TEXT NOT NULL UNIQUE,
    current_version TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS versions (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    version_id TEXT NOT NULL,
    last_updated TEXT NOT NULL,
    method TEXT NOT NULL,
    patient TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (id, version_id)
  );
  CREATE INDEX IF NOT EXISTS versions_by_patient ON versions (patient, sequence);
`;

interface VersionRow {
  sequence: number;
  id: string;
  version_id: string;
  last_updated: string;
  method: "POST" | "PUT";
  body: string;
}

/**
 * Durable state in SQLite (through sqlite-driver.ts), in WAL mode. Each write is atomic (a savepoint
 * in the turn's transaction, group-commit.ts) and committed before the HTTP answer is sent, so a
 * killed sandbox keeps every write it acknowledged.
 */
export class SqliteStore implements ConsentStore {
  readonly kind = "sqlite" as const;
  private readonly db: SqliteDatabase;
  private readonly statements;
  private readonly writes: GroupCommit;

  constructor(readonly path: string) {
    this.db = openSqliteDatabase(path);
    this.db.pragma("journal_mode = WAL");
    // NORMAL is durable against a process crash (SIGKILL); FULL would add an fsync per write for power loss.
    this.db.pragma("synchronous = NORMAL");
    // A checkpoint (WAL pages copied into the file, with an fsync either side) stalls the writes
    // that wait behind it: every 10,000 pages (about 40 MB) rather than SQLite's default 1,000.
    this.db.pragma("wal_autocheckpoint = 10000");
    this.db.exec(SCHEMA);
    this.writes = new GroupCommit(this.db);
    this.statements = {
      consentById: this.db.prepare<[string], { current_version: string; preference_key: string }>(
        "SELECT current_version, preference_key FROM consents WHERE id = ?",
      ),
      consentByKey: this.db.prepare<[string], { id: string }>(
        "SELECT id FROM consents WHERE preference_key = ?",
      ),
      insertConsent: this.db.prepare(
        "INSERT INTO consents (id, preference_key, current_version) VALUES (?, ?, ?)",
      ),
      moveConsent: this.db.prepare(
        "UPDATE consents SET preference_key = ?, current_version = ? WHERE id = ?",
      ),
      insertVersion: this.db.prepare(
        "INSERT INTO versions (id, version_id, last_updated, method, patient, body) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      history: this.db.prepare<[string], VersionRow>(
        "SELECT * FROM versions WHERE id = ? ORDER BY sequence DESC",
      ),
      patientHistory: this.db.prepare<[string], VersionRow>(
        "SELECT * FROM versions WHERE id IN (SELECT DISTINCT id FROM versions WHERE patient = ?) ORDER BY sequence DESC",
      ),
      everyVersion: this.db.prepare<[], VersionRow>(
        "SELECT * FROM versions ORDER BY sequence DESC",
      ),
      version: this.db.prepare<[string, string], VersionRow>(
        "SELECT * FROM versions WHERE id = ? AND version_id = ?",
      ),
      current: this.db.prepare<[string], VersionRow>(
        "SELECT v.* FROM versions v JOIN consents c ON c.id = v.id AND c.current_version = v.version_id WHERE c.id = ?",
      ),
      currentForPatient: this.db.prepare<[string], VersionRow>(
        "SELECT v.* FROM versions v JOIN consents c ON c.id = v.id AND c.current_version = v.version_id WHERE v.patient = ?",
      ),
    };
  }

  create(version: NewVersion): CreateOutcome {
    return this.writes.write((): CreateOutcome => {
      const key = keyOf(version.key);
      const existing = this.statements.consentByKey.get(key);
      if (existing) return { ok: false, reason: "duplicate", existingId: existing.id };
      this.statements.insertConsent.run(version.id, key, version.versionId);
      return { ok: true, version: this.append(version, "POST") };
    });
  }

  update(version: NewVersion, expectedVersionId?: string): UpdateOutcome {
    return this.writes.write((): UpdateOutcome => {
      const current = this.statements.consentById.get(version.id);
      if (!current) return { ok: false, reason: "not-found" };
      if (expectedVersionId !== undefined && expectedVersionId !== current.current_version) {
        return {
          ok: false,
          reason: "version-conflict",
          currentVersionId: current.current_version,
        };
      }
      const refusal = updateRefusal(
        parseKey(current.preference_key),
        version.key,
        (key) => this.statements.consentByKey.get(key)?.id,
        version.id,
      );
      if (refusal) return { ok: false, ...refusal };
      this.statements.moveConsent.run(keyOf(version.key), version.versionId, version.id);
      return { ok: true, version: this.append(version, "PUT") };
    });
  }

  current(id: string): StoredVersion | undefined {
    return toVersion(this.statements.current.get(id));
  }

  currentVersionId(id: string): string | undefined {
    return this.statements.consentById.get(id)?.current_version;
  }

  history(id: string): StoredVersion[] | undefined {
    const rows = this.statements.history.all(id);
    return rows.length === 0 ? undefined : rows.map((row) => toVersion(row) as StoredVersion);
  }

  patientHistory(patient: string): StoredVersion[] {
    return this.statements.patientHistory
      .all(patient)
      .map((row) => toVersion(row) as StoredVersion);
  }

  everyVersion(): StoredVersion[] {
    return this.statements.everyVersion.all().map((row) => toVersion(row) as StoredVersion);
  }

  version(id: string, versionId: string): StoredVersion | undefined {
    return toVersion(this.statements.version.get(id, versionId));
  }

  currentForPatient(patient: string): StoredVersion[] {
    return this.statements.currentForPatient
      .all(patient)
      .map((row) => toVersion(row) as StoredVersion);
  }

  committed(): Promise<void> | undefined {
    return this.writes.committed();
  }

  reset(): void {
    this.writes.write(() => this.db.exec("DELETE FROM consents; DELETE FROM versions;"));
  }

  close(): void {
    if (!this.db.open) return;
    this.writes.finish();
    this.db.close();
  }

  private append(version: NewVersion, method: "POST" | "PUT"): StoredVersion {
    const body = JSON.stringify(version.resource);
    const result = this.statements.insertVersion.run(
      version.id,
      version.versionId,
      version.lastUpdated,
      method,
      version.key.patient,
      body,
    );
    const { id, versionId, lastUpdated, resource } = version;
    return {
      id,
      versionId,
      lastUpdated,
      sequence: Number(result.lastInsertRowid),
      method,
      resource,
    };
  }
}

function toVersion(row: VersionRow | undefined): StoredVersion | undefined {
  if (row === undefined) return undefined;
  return {
    id: row.id,
    versionId: row.version_id,
    lastUpdated: row.last_updated,
    sequence: row.sequence,
    method: row.method,
    resource: JSON.parse(row.body) as JsonObject,
  };
}
