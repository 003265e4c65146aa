import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ConsentStore, NewVersion } from "./index.js";
import { MemoryStore, openStore, SqliteStore } from "./index.js";

const open: ConsentStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

const sqlitePath = () => join(mkdtempSync(join(tmpdir(), "ndop-store-")), "sandbox.db");
const stores: [string, () => ConsentStore][] = [
  ["memory", () => new MemoryStore()],
  ["sqlite", () => new SqliteStore(sqlitePath())],
];

function version(id: string, versionId: string, patient = "P1", status = "active"): NewVersion {
  return {
    id,
    versionId,
    lastUpdated: new Date().toISOString(),
    resource: { resourceType: "Consent", id, meta: { versionId }, status },
    key: { patient, policy: "policy", purpose: "purpose" },
  };
}

describe.each(stores)("%s store", (_kind, make) => {
  const store = () => {
    const created = make();
    open.push(created);
    return created;
  };

  it("appends versions and lists them newest first, never altering one", () => {
    const consents = store();
    expect(consents.create(version("c1", "v1")).ok).toBe(true);
    expect(consents.update(version("c1", "v2", "P1", "inactive")).ok).toBe(true);
    expect(consents.update(version("c1", "v3")).ok).toBe(true);
    expect(consents.history("c1")?.map((stored) => stored.versionId)).toEqual(["v3", "v2", "v1"]);
    expect(consents.history("c1")?.map((stored) => stored.method)).toEqual(["PUT", "PUT", "POST"]);
    expect(consents.version("c1", "v2")?.resource.status).toBe("inactive");
    expect(consents.current("c1")?.versionId).toBe("v3");
  });

  it("moves the preference key on an update that changes it: the old key is free, the new one taken", () => {
    const consents = store();
    expect(consents.create(version("c1", "v1")).ok).toBe(true);
    const moved = {
      ...version("c1", "v2"),
      key: { patient: "P1", policy: "other", purpose: "purpose" },
    };
    expect(consents.update(moved).ok).toBe(true);
    expect(consents.create(version("c2", "v1")).ok).toBe(true);
    expect(consents.create({ ...version("c3", "v1"), key: moved.key }).ok).toBe(false);
  });

  it("refuses a second Consent for the same preference key", () => {
    const consents = store();
    consents.create(version("c1", "v1"));
    expect(consents.create(version("c2", "v1"))).toEqual({
      ok: false,
      reason: "duplicate",
      existingId: "c1",
    });
    expect(consents.create(version("c3", "v1", "P2")).ok).toBe(true);
  });

  it("refuses an update that would give a second Consent the same preference key, storing nothing", () => {
    const consents = store();
    consents.create(version("a", "a1"));
    consents.create({
      ...version("b", "b1"),
      key: { patient: "P1", policy: "other", purpose: "purpose" },
    });
    expect(consents.update(version("b", "b2"))).toEqual({
      ok: false,
      reason: "duplicate",
      existingId: "a",
    });
    expect(consents.history("b")?.map((stored) => stored.versionId)).toEqual(["b1"]);
    expect(consents.create(version("c", "c1"))).toEqual({
      ok: false,
      reason: "duplicate",
      existingId: "a",
    });
    expect(
      consents.create({
        ...version("c", "c1"),
        key: { patient: "P1", policy: "other", purpose: "purpose" },
      }),
    ).toEqual({ ok: false, reason: "duplicate", existingId: "b" });
  });

  it("refuses an update that moves a Consent to another patient, storing nothing", () => {
    const consents = store();
    consents.create(version("a", "a1", "P1"));
    expect(consents.update(version("a", "a2", "P2"))).toEqual({
      ok: false,
      reason: "patient-changed",
      currentPatient: "P1",
    });
    expect(consents.patientHistory("P2")).toEqual([]);
    expect(consents.create(version("b", "b1", "P2")).ok).toBe(true);
  });

  it("updates only from the expected version (If-Match) and reports the current one otherwise", () => {
    const consents = store();
    consents.create(version("c1", "v1"));
    expect(consents.update(version("c1", "v2"), "v1").ok).toBe(true);
    expect(consents.update(version("c1", "v3"), "v1")).toEqual({
      ok: false,
      reason: "version-conflict",
      currentVersionId: "v2",
    });
    expect(consents.update(version("nope", "v1"))).toEqual({ ok: false, reason: "not-found" });
    expect(consents.history("c1")).toHaveLength(2);
  });

  it("gives a patient's history across their Consents, newest first, and the current versions", () => {
    const consents = store();
    consents.create(version("a", "a1", "P1"));
    consents.create({
      ...version("b", "b1", "P1"),
      key: { patient: "P1", policy: "other", purpose: "purpose" },
    });
    consents.update(version("a", "a2", "P1"));
    consents.create(version("c", "c1", "P2"));
    expect(consents.patientHistory("P1").map((stored) => stored.versionId)).toEqual([
      "a2",
      "b1",
      "a1",
    ]);
    expect(consents.patientHistory("P3")).toEqual([]);
    expect(consents.history("missing")).toBeUndefined();
    // The current versions by the preference key's patient (the resources here name none).
    expect(
      consents
        .currentForPatient("P1")
        .map((stored) => stored.versionId)
        .sort(),
    ).toEqual(["a2", "b1"]);
    expect(consents.currentForPatient("P3")).toEqual([]);
    expect(consents.currentVersionId("a")).toBe("a2");
    expect(consents.currentVersionId("missing")).toBeUndefined();
  });

  it("forgets everything on reset", () => {
    const consents = store();
    consents.create(version("c1", "v1"));
    consents.reset();
    expect(consents.current("c1")).toBeUndefined();
    expect(consents.create(version("c1", "v1")).ok).toBe(true);
  });
});

describe("the SQLite store is durable", () => {
  it("has a write waiting for its commit until the turn ends, seen by another connection only then", async () => {
    const path = sqlitePath();
    const writer = new SqliteStore(path);
    const reader = new SqliteStore(path);
    open.push(writer, reader);
    expect(writer.committed()).toBeUndefined();
    expect(writer.create(version("c1", "v1")).ok).toBe(true);
    const committing = writer.committed();
    expect(committing).toBeInstanceOf(Promise);
    expect(reader.current("c1")).toBeUndefined();
    await committing;
    expect(reader.current("c1")?.versionId).toBe("v1");
    expect(writer.committed()).toBeUndefined();
  });

  it("keeps every version across a reopen", () => {
    const path = sqlitePath();
    const first = new SqliteStore(path);
    first.create(version("c1", "v1"));
    first.update(version("c1", "v2"));
    first.close();
    const second = new SqliteStore(path);
    open.push(second);
    expect(second.history("c1")?.map((stored) => stored.versionId)).toEqual(["v2", "v1"]);
    expect(second.create(version("c9", "v1")).ok).toBe(false);
  });

  it("names the file it cannot open", () => {
    expect(() => new SqliteStore("/nonexistent/dir/x.db")).toThrow(
      /Cannot open the SQLite store \/nonexistent\/dir\/x.db/,
    );
  });
});

describe("openStore", () => {
  it("takes memory and sqlite:<path>, and refuses anything else by name", () => {
    const memory = openStore("memory");
    open.push(memory);
    expect(memory.kind).toBe("memory");
    const sqlite = openStore(`sqlite:${sqlitePath()}`);
    open.push(sqlite);
    expect(sqlite.kind).toBe("sqlite");
    expect(() => openStore("redis://x")).toThrow(
      'Unknown store "redis://x": use memory or sqlite:<path>.',
    );
  });
});
