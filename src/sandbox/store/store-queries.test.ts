import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ConsentStore, NewVersion, StoredVersion } from "./index.js";
import { MemoryStore, SqliteStore } from "./index.js";

/** The queries behind search and the patient-history fault, in both stores. */

const open: ConsentStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

const sqlitePath = () => join(mkdtempSync(join(tmpdir(), "ndop-queries-")), "sandbox.db");

function version(id: string, versionId: string, patient: string): NewVersion {
  return {
    id,
    versionId,
    lastUpdated: new Date().toISOString(),
    resource: { resourceType: "Consent", id, patient: { reference: patient } },
    key: { patient, policy: "policy", purpose: "purpose" },
  };
}

const named = (versions: StoredVersion[]) => versions.map((v) => `${v.id}/${v.versionId}`);

describe.each([
  ["memory", () => new MemoryStore()],
  ["sqlite", () => new SqliteStore(sqlitePath())],
] as [string, () => ConsentStore][])("%s store", (_kind, make) => {
  function filled(): ConsentStore {
    const store = make();
    open.push(store);
    store.create(version("c1", "v1", "P1"));
    store.update(version("c1", "v2", "P1"));
    store.create(version("c2", "v1", "P2"));
    return store;
  }

  it("everyVersion: every version of every Consent, newest first", () => {
    expect(named(filled().everyVersion())).toEqual(["c2/v1", "c1/v2", "c1/v1"]);
  });

  it("currentForPatient: the current version of that patient's Consents only", () => {
    const store = filled();
    expect(named(store.currentForPatient("P1"))).toEqual(["c1/v2"]);
    expect(named(store.currentForPatient("P3"))).toEqual([]);
  });
});

describe("the SQLite store, closed", () => {
  it("checkpoints and closes its file (no WAL left), and a second close is harmless", () => {
    const path = sqlitePath();
    const store = new SqliteStore(path);
    store.create(version("c1", "v1", "P1"));
    expect(existsSync(`${path}-wal`)).toBe(true);
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(() => store.close()).not.toThrow();
  });
});
