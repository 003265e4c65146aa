import type { JsonObject } from "../../fhir/index.js";
import type {
  ConsentStore,
  CreateOutcome,
  NewVersion,
  StoredVersion,
  UpdateOutcome,
} from "./consent-store.js";
import { keyOf, parseKey, updateRefusal } from "./preference-key.js";

/** A stored version with its Consent as JSON text: one string for the garbage collector to keep. */
type StoredRow = Omit<StoredVersion, "resource"> & { body: string };

interface ConsentRecord {
  versions: StoredRow[];
  key: string;
}

/**
 * State in memory: the default, gone when the sandbox stops. Each version keeps its Consent as
 * JSON text, read back into a fresh object on every read: under a write load, thousands of
 * object trees a second outliving the young generation made every scavenge copy them.
 */
export class MemoryStore implements ConsentStore {
  readonly kind = "memory" as const;
  private consents = new Map<string, ConsentRecord>();
  private byKey = new Map<string, string>();
  /** Ids of the Consents each patient has had, for patient history. */
  private byPatient = new Map<string, Set<string>>();
  private sequence = 0;

  create(version: NewVersion): CreateOutcome {
    const key = keyOf(version.key);
    const existingId = this.byKey.get(key);
    if (existingId !== undefined) return { ok: false, reason: "duplicate", existingId };
    const stored = this.stamp(version, "POST");
    this.consents.set(version.id, { versions: [stored], key });
    this.byKey.set(key, version.id);
    this.indexPatient(version);
    return { ok: true, version: written(stored, version) };
  }

  update(version: NewVersion, expectedVersionId?: string): UpdateOutcome {
    const record = this.consents.get(version.id);
    if (record === undefined) return { ok: false, reason: "not-found" };
    const current = record.versions.at(-1) as StoredRow;
    if (expectedVersionId !== undefined && expectedVersionId !== current.versionId) {
      return { ok: false, reason: "version-conflict", currentVersionId: current.versionId };
    }
    const refusal = updateRefusal(
      parseKey(record.key),
      version.key,
      (key) => this.byKey.get(key),
      version.id,
    );
    if (refusal) return { ok: false, ...refusal };
    const stored = this.stamp(version, "PUT");
    const key = keyOf(version.key);
    if (key !== record.key) {
      this.byKey.delete(record.key);
      this.byKey.set(key, version.id);
      record.key = key;
    }
    record.versions.push(stored);
    this.indexPatient(version);
    return { ok: true, version: written(stored, version) };
  }

  current(id: string): StoredVersion | undefined {
    const row = this.consents.get(id)?.versions.at(-1);
    return row && read(row);
  }

  currentVersionId(id: string): string | undefined {
    return this.consents.get(id)?.versions.at(-1)?.versionId;
  }

  history(id: string): StoredVersion[] | undefined {
    return this.consents.get(id)?.versions.map(read).reverse();
  }

  patientHistory(patient: string): StoredVersion[] {
    const ids = [...(this.byPatient.get(patient) ?? [])];
    // Stryker disable next-line ArrayDeclaration: every id indexed under a patient has a record (reset clears both maps), so the fallback is never taken.
    const versions = ids.flatMap((id) => this.consents.get(id)?.versions ?? []);
    return versions.sort((a, b) => b.sequence - a.sequence).map(read);
  }

  everyVersion(): StoredVersion[] {
    const versions = [...this.consents.values()].flatMap((record) => record.versions);
    return versions.sort((a, b) => b.sequence - a.sequence).map(read);
  }

  version(id: string, versionId: string): StoredVersion | undefined {
    const row = this.consents.get(id)?.versions.find((version) => version.versionId === versionId);
    return row && read(row);
  }

  currentForPatient(patient: string): StoredVersion[] {
    // By the key's patient, as the SQLite store: an update cannot change it (patient-changed).
    return [...(this.byPatient.get(patient) ?? [])].map((id) => this.current(id) as StoredVersion);
  }

  /** Memory keeps nothing past the process: a write is done once it returns. */
  committed(): undefined {
    return undefined;
  }

  reset(): void {
    this.consents = new Map();
    this.byKey = new Map();
    this.byPatient = new Map();
    this.sequence = 0;
  }

  close(): void {}

  private stamp(version: NewVersion, method: "POST" | "PUT"): StoredRow {
    this.sequence += 1;
    const { id, versionId, lastUpdated, resource } = version;
    const body = JSON.stringify(resource);
    return { id, versionId, lastUpdated, sequence: this.sequence, method, body };
  }

  private indexPatient(version: NewVersion): void {
    const ids = this.byPatient.get(version.key.patient) ?? new Set<string>();
    ids.add(version.id);
    this.byPatient.set(version.key.patient, ids);
  }
}

function read({ body, ...row }: StoredRow): StoredVersion {
  return { ...row, resource: JSON.parse(body) as JsonObject };
}

/** The version a write stored, with the Consent the writer already holds. */
function written({ body: _body, ...row }: StoredRow, version: NewVersion): StoredVersion {
  return { ...row, resource: version.resource };
}
