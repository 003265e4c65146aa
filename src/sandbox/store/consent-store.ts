import type { JsonObject } from "../../fhir/index.js";

/** One stored version of a Consent: history is a list of these, never changed once written. */
export interface StoredVersion {
  id: string;
  versionId: string;
  /** FHIR instant of the write. */
  lastUpdated: string;
  /** Position in the store's write order: later writes have larger numbers. */
  sequence: number;
  /** POST for the version a create made, PUT for an update's. */
  method: "POST" | "PUT";
  /** The Consent as stored, with id and meta. */
  resource: JsonObject;
}

/** What makes two Consents the same preference: one per patient, policy and purpose (section 8). */
export interface PreferenceKey {
  patient: string;
  policy: string;
  purpose: string;
}

export type CreateOutcome =
  | { ok: true; version: StoredVersion }
  | { ok: false; reason: "duplicate"; existingId: string };
export type UpdateOutcome =
  | { ok: true; version: StoredVersion }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "version-conflict"; currentVersionId: string }
  | { ok: false; reason: "duplicate"; existingId: string }
  | { ok: false; reason: "patient-changed"; currentPatient: string };

export interface NewVersion {
  id: string;
  versionId: string;
  lastUpdated: string;
  resource: JsonObject;
  key: PreferenceKey;
}

/**
 * The sandbox's state. Every method is synchronous and atomic: an acknowledged write is stored,
 * and two writes to one Consent can never both build on the same version.
 */
export interface ConsentStore {
  readonly kind: "memory" | "sqlite";
  /** Stores the first version, unless another Consent already holds the same preference key. */
  create(version: NewVersion): CreateOutcome;
  /**
   * Appends a version; with `expectedVersionId`, only if that is still the current version. Like
   * create, it never leaves two Consents holding one preference key, and a Consent keeps its
   * patient for life (checked in this order: not-found, version-conflict, patient-changed,
   * duplicate).
   */
  update(version: NewVersion, expectedVersionId?: string): UpdateOutcome;
  current(id: string): StoredVersion | undefined;
  /** The current version's id alone, without reading the stored Consent (an update needs no more). */
  currentVersionId(id: string): string | undefined;
  /** Every version of one Consent, newest first; undefined when the Consent does not exist. */
  history(id: string): StoredVersion[] | undefined;
  /** Every version of every Consent of one patient (by reference), newest first. */
  patientHistory(patient: string): StoredVersion[];
  /** Every version of every Consent, newest first (only the `patient-history-ignores-patient` fault asks). */
  everyVersion(): StoredVersion[];
  version(id: string, versionId: string): StoredVersion | undefined;
  /** Current versions, for the optional search of current preferences. */
  currentForPatient(patient: string): StoredVersion[];
  /**
   * Settles once every write made so far is durable (rejects when it could not be made so);
   * undefined when nothing is waiting. The sandbox answers a request only after this.
   */
  committed(): Promise<void> | undefined;
  reset(): void;
  close(): void;
}
