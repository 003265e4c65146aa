import { describe, expect, it } from "vitest";
import { DEFAULT_INTERACTION_IDS } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";
import { consentFor, testValidator } from "../testing/index.js";
import type { FaultName } from "./faults.js";
import { readInboundConsent } from "./inbound-consent.js";
import { ruleSet } from "./rule-set.js";
import {
  DEFAULT_SETTINGS,
  listVariants,
  sandboxSettings,
  VARIANTS,
  variantSettings,
} from "./settings.js";
import { SpineError } from "./spine-outcome.js";
import { MemoryStore } from "./store/memory-store.js";
import { keyOf, parseKey, preferenceKeyOf, updateRefusal } from "./store/preference-key.js";

/** The sandbox's pure parts called directly: settings, the inbound Consent judge, the memory store. */

describe("settings and variants", () => {
  it("defaults to a strict, UUID-naming, in-memory sandbox on loopback", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      host: "127.0.0.1",
      port: 0,
      basePath: "/STU3",
      store: "memory",
      security: "strict",
      allowedClientAsids: [],
      providerAsid: "",
      interactionIds: DEFAULT_INTERACTION_IDS,
      audience: "https://clinicals.spineservices.nhs.uk",
      updateUnknownId: 404,
      returnRepresentation: true,
      searchEnabled: false,
      maxBodyBytes: 1_048_576,
      maxBodyNodes: 250,
      adminEnabled: false,
      faults: [],
      idScheme: "uuid",
      historyEntries: "request",
      honourPrefer: true,
      ifMatch: "honoured",
      jsonStyle: "compact",
      xmlStyle: "plain",
      charset: true,
    });
  });

  it("merges overrides, keeping the interaction ids not overridden", () => {
    const settings = sandboxSettings({ port: 8080, interactionIds: { create: "urn:x" } as never });
    expect(settings.port).toBe(8080);
    expect(settings.interactionIds).toEqual({
      ...DEFAULT_SETTINGS.interactionIds,
      create: "urn:x",
    });
    expect(sandboxSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("merges the settings of the named variants, and none for no name", () => {
    expect(variantSettings(["no-body", "sequence-ids", "if-match-ignored"])).toEqual({
      returnRepresentation: false,
      idScheme: "sequence",
      ifMatch: "ignored",
    });
    expect(variantSettings([])).toEqual({});
  });

  it("refuses unknown variant names, every one of them, as a USAGE error", () => {
    let thrown: unknown;
    try {
      variantSettings(["no-body", "fast", "toString"]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConformanceError);
    expect((thrown as ConformanceError).code).toBe("USAGE");
    expect((thrown as ConformanceError).message).toBe(
      'Unknown sandbox variant "fast", "toString"; --list-variants shows them.',
    );
  });

  it("lists every variant on its own line, names padded to one column", () => {
    const lines = listVariants().split("\n");
    expect(lines).toHaveLength(Object.keys(VARIANTS).length);
    expect(lines[0]).toBe(
      "history-entry-response   history entries carry entry.request and entry.response; implies warnings known-defect:stu3-bdl-4 (STU3 3.0.1 bdl-4, a known defect)",
    );
    expect(lines).toContain(
      "no-charset               Content-Type without a charset parameter; implies none",
    );
  });

  it("each variant changes exactly the setting its freedom names", () => {
    expect(Object.fromEntries(Object.entries(VARIANTS).map(([n, v]) => [n, v.settings]))).toEqual({
      "history-entry-response": { historyEntries: "request-and-response" },
      "history-resource-only": { historyEntries: "resource-only" },
      "no-body": { returnRepresentation: false },
      "prefer-ignored": { honourPrefer: false },
      "update-unknown-405": { updateUnknownId: 405 },
      "sequence-ids": { idScheme: "sequence" },
      "json-indented-reordered": { jsonStyle: "indented-reordered" },
      "xml-prefixed-indented": { xmlStyle: "prefixed-indented" },
      "no-charset": { charset: false },
      "if-match-ignored": { ifMatch: "ignored" },
    });
  });
});

describe("the inbound Consent: 400 when unreadable, 422 with the most precise Spine code", () => {
  const judge = (
    body: unknown,
    faults: FaultName[] = [],
    contentType = "application/fhir+json",
  ) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const out = readInboundConsent(
      Buffer.from(text),
      contentType,
      testValidator(),
      ruleSet(faults),
    );
    return out instanceof SpineError ? [out.status, out.spineCode, out.diagnostics] : out;
  };
  const consent = consentFor();
  const proxy = { url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-NDOP-Proxy-1" };

  it("takes a valid Consent as it is", () => {
    expect(judge(consent)).toEqual(consent);
  });

  it("answers an unreadable body 400, or 422 under unreadable-body-as-422, naming the format", () => {
    const reason =
      "The JSON is not well-formed: Expected property name or '}' at line 1, column 2.";
    expect(judge("{")).toEqual([
      400,
      "MESSAGE_NOT_WELL_FORMED",
      `The body is not a FHIR JSON resource: ${reason}`,
    ]);
    expect(judge("{", ["unreadable-body-as-422"])).toEqual([
      422,
      "INVALID_RESOURCE",
      `The body is not a FHIR JSON resource: ${reason}`,
    ]);
    expect(judge(consent, [], "application/fhir+xml")).toEqual([
      400,
      "MESSAGE_NOT_WELL_FORMED",
      "The body is not a FHIR XML resource: The input was declared as XML but is JSON.",
    ]);
    expect(judge("<Consent", [], "application/fhir+xml")).toEqual([
      400,
      "MESSAGE_NOT_WELL_FORMED",
      "The body is not a FHIR XML resource: The XML is not well-formed: 1:8: document must contain a root element.",
    ]);
  });

  it("refuses another resource type and a body of another media type", () => {
    expect(judge({ resourceType: "Patient" })).toEqual([
      422,
      "INVALID_RESOURCE",
      "The body is a Patient; NDOP takes a Consent.",
    ]);
    expect(judge(consent, [], "text/plain")).toEqual([
      415,
      "MESSAGE_NOT_WELL_FORMED",
      "Content-Type text/plain is not a FHIR media type; send application/fhir+json or application/fhir+xml.",
    ]);
  });

  it.each([
    [
      "an invalid NHS number",
      {
        patient: {
          reference: "https://demographics.spineservices.nhs.uk/STU3/Patient/9000000000",
        },
        consentingParty: undefined,
      },
      "INVALID_NHS_NUMBER",
    ],
    ["an unknown element", { foo: 1 }, "INVALID_ELEMENT"],
    ["a code outside its value set", { status: "bogus" }, "INVALID_CODE_VALUE"],
    [
      "a purpose in another code system",
      { purpose: [{ system: "http://x", code: "x" }] },
      "INVALID_CODE_SYSTEM",
    ],
    ["no consentingParty and no proxy", { consentingParty: undefined }, "CONFLICTING_VALUES"],
    [
      "a purpose code other than the fixed one (in the right system)",
      {
        purpose: [
          {
            system: "http://snomed.info/sct",
            code: "1",
            display: "Limiting access to confidential patient information",
          },
        ],
      },
      "INVALID_VALUE",
    ],
  ])("answers %s with 422 %s", (_, changes, code) => {
    const judged = judge({ ...consent, ...changes }) as [number, string, string];
    expect(judged.slice(0, 2)).toEqual([422, code]);
  });

  it("names the first failing element, then up to three more with the count of all others", () => {
    expect(judge({ ...consent, status: "bogus", foo: 1 })).toEqual([
      422,
      "INVALID_CODE_VALUE",
      'Consent.status: Code "bogus" not found in value set (and 2 more: Consent.foo, Consent.status)',
    ]);
    expect(
      judge({
        ...consent,
        status: "bogus",
        period: { start: "2020-01-01" },
        foo: 1,
        bar: 2,
        baz: 3,
      }),
    ).toEqual([
      422,
      "INVALID_CODE_VALUE",
      'Consent.status: Code "bogus" not found in value set (and 5 more: Consent.foo, Consent.bar, Consent.baz)',
    ]);
  });

  it("forgets only the issues of the rule a fault mode forgets", () => {
    expect(judge({ ...consent, status: "bogus" }, ["accept-any-status"])).toEqual([
      422,
      "INVALID_CODE_VALUE",
      'Consent.status: Code "bogus" not found in value set',
    ]);
  });

  it("refuses a proxy's Consent only under refuse-proxy", () => {
    const extension = [...((consent.extension as object[] | undefined) ?? []), proxy];
    expect(judge({ ...consent, extension }, ["refuse-proxy"])).toEqual([
      422,
      "INVALID_RESOURCE",
      "Consent.consentingParty is required.",
    ]);
    expect(judge(consent, ["refuse-proxy"])).toEqual(consent);
  });
});

describe("preference keys", () => {
  const key = { patient: "P/1", policy: "pol", purpose: "sys|code" };

  it("reads patient, first policy and first purpose of a Consent, empty when absent", () => {
    expect(
      preferenceKeyOf({
        patient: { reference: "P/1" },
        policy: [{ uri: "pol" }, { uri: "other" }],
        purpose: [
          { system: "sys", code: "code" },
          { system: "x", code: "y" },
        ],
      }),
    ).toEqual(key);
    expect(preferenceKeyOf({})).toEqual({ patient: "", policy: "", purpose: "|" });
    expect(preferenceKeyOf({ policy: [], purpose: [] })).toEqual({
      patient: "",
      policy: "",
      purpose: "|",
    });
  });

  it("stores a key as JSON and reads it back", () => {
    expect(keyOf(key)).toBe('["P/1","pol","sys|code"]');
    expect(parseKey(keyOf(key))).toEqual(key);
  });

  it("refuses an update that changes the patient, or takes another Consent's key", () => {
    const none = () => undefined;
    expect(updateRefusal(key, { ...key, patient: "P/2" }, none, "a")).toEqual({
      reason: "patient-changed",
      currentPatient: "P/1",
    });
    const next = { ...key, purpose: "sys|other" };
    const holders = (stored: string) => (stored === keyOf(next) ? "b" : undefined);
    expect(updateRefusal(key, next, holders, "a")).toEqual({
      reason: "duplicate",
      existingId: "b",
    });
    expect(updateRefusal(key, next, holders, "b")).toBeUndefined();
    expect(updateRefusal(key, key, none, "a")).toBeUndefined();
  });
});

describe("memory store", () => {
  const P1 = "https://demographics.spineservices.nhs.uk/STU3/Patient/P1";
  const P2 = "https://demographics.spineservices.nhs.uk/STU3/Patient/P2";
  const version = (id: string, versionId: string, patient = P1, purpose = "s|c") => ({
    id,
    versionId,
    lastUpdated: `2026-01-0${versionId}T00:00:00Z`,
    resource: { resourceType: "Consent", id, patient: { reference: patient } },
    key: { patient, policy: "pol", purpose },
  });

  it("stamps each write with the next sequence and its method, and counts again after reset", () => {
    const store = new MemoryStore();
    const created = store.create(version("a", "1"));
    expect(created).toEqual({
      ok: true,
      version: {
        id: "a",
        versionId: "1",
        lastUpdated: "2026-01-01T00:00:00Z",
        sequence: 1,
        method: "POST",
        resource: version("a", "1").resource,
      },
    });
    const updated = store.update(version("a", "2"), "1");
    expect(updated.ok && [updated.version.sequence, updated.version.method]).toEqual([2, "PUT"]);
    store.reset();
    expect(store.current("a")).toBeUndefined();
    expect(store.patientHistory(P1)).toEqual([]);
    const again = store.create(version("a", "1"));
    expect(again.ok && again.version.sequence).toBe(1);
  });

  it("moves the preference key on update: the old key is free, the new one held", () => {
    const store = new MemoryStore();
    store.create(version("a", "1"));
    expect(store.update(version("a", "2", P1, "s|other")).ok).toBe(true);
    expect(store.create(version("b", "1", P1, "s|c")).ok).toBe(true);
    expect(store.create(version("c", "1", P1, "s|other"))).toEqual({
      ok: false,
      reason: "duplicate",
      existingId: "a",
    });
  });

  it("refuses updates in order: unknown id, stale version, another patient, a held key", () => {
    const store = new MemoryStore();
    store.create(version("a", "1"));
    store.create(version("b", "1", P1, "s|other"));
    expect(store.update(version("z", "2"))).toEqual({ ok: false, reason: "not-found" });
    expect(store.update(version("a", "2"), "9")).toEqual({
      ok: false,
      reason: "version-conflict",
      currentVersionId: "1",
    });
    expect(store.update(version("a", "2", P2))).toEqual({
      ok: false,
      reason: "patient-changed",
      currentPatient: P1,
    });
    expect(store.update(version("a", "2", P1, "s|other"))).toEqual({
      ok: false,
      reason: "duplicate",
      existingId: "b",
    });
    expect(store.history("a")?.map((stored) => stored.versionId)).toEqual(["1"]);
  });

  it("answers the last of three versions as the current one", () => {
    const store = new MemoryStore();
    store.create(version("a", "1"));
    store.update(version("a", "2"));
    store.update(version("a", "3"));
    expect(store.current("a")?.versionId).toBe("3");
  });

  it("answers history, versions and a patient's current Consents, newest first", () => {
    const store = new MemoryStore();
    store.create(version("a", "1"));
    store.create(version("b", "1", P2));
    store.update(version("a", "2"));
    expect(store.history("a")?.map((v) => v.versionId)).toEqual(["2", "1"]);

    expect(store.history("x")).toBeUndefined();
    expect(store.version("a", "1")?.sequence).toBe(1);
    expect(store.version("a", "3")).toBeUndefined();
    expect(store.version("x", "1")).toBeUndefined();
    expect(store.patientHistory(P1).map((v) => [v.id, v.versionId])).toEqual([
      ["a", "2"],
      ["a", "1"],
    ]);
    expect(store.everyVersion().map((v) => v.sequence)).toEqual([3, 2, 1]);
    expect(store.currentForPatient(P1).map((v) => [v.id, v.versionId])).toEqual([["a", "2"]]);
    expect(store.currentForPatient("nobody")).toEqual([]);
    expect(store.kind).toBe("memory");
  });
});
