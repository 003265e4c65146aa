import { describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import type { SandboxContext, SandboxReply } from "./context.js";
import type { FaultName } from "./faults.js";
import { idScheme } from "./id-scheme.js";
import { applyReplyFaults, type RequestLine } from "./reply-faults.js";
import { errorReply } from "./responses.js";
import { noRecordFound } from "./spine-errors.js";
import { MemoryStore } from "./store/memory-store.js";

/** Each reply-reshaping fault mode applied to a handler's reply, with exactly what it changes. */

const store = new MemoryStore();
store.create({
  id: "c1",
  versionId: "1",
  lastUpdated: "2026-01-01T00:00:00Z",
  resource: { resourceType: "Consent", id: "c1", meta: { versionId: "1" } },
  key: { patient: "P", policy: "p", purpose: "s|c" },
});
store.update({
  id: "c1",
  versionId: "2",
  lastUpdated: "2026-01-02T00:00:00Z",
  resource: { resourceType: "Consent", id: "c1", meta: { versionId: "2" } },
  key: { patient: "P", policy: "p", purpose: "s|c" },
});

const context = (faults: FaultName[]): SandboxContext =>
  ({ faults: new Set(faults), store, ids: idScheme("sequence") }) as unknown as SandboxContext;
const line = (method: string, path: string, query = ""): RequestLine => ({
  method,
  segments: path.split("/"),
  query: new URLSearchParams(query),
});
const apply = (fault: FaultName, reply: SandboxReply, request: RequestLine) =>
  applyReplyFaults(reply, request, context([fault]));

const LOCATION = "http://h/STU3/Consent/c1/_history/1";
const written = (status: number): SandboxReply => ({
  status,
  headers: { Location: LOCATION, ETag: 'W/"1"' },
  resource: { resourceType: "Consent", id: "c1", meta: { profile: ["p"], lastUpdated: "t" } },
});
const statement = (): SandboxReply => ({
  status: 200,
  resource: {
    resourceType: "CapabilityStatement",
    fhirVersion: "3.0.1",
    rest: [
      { resource: [{ type: "Consent", interaction: [{ code: "create" }], updateCreate: false }] },
    ],
  },
});
const consent = (id: string, versionId: string) => ({
  resource: { resourceType: "Consent", id, meta: { versionId, profile: ["p"], lastUpdated: "t" } },
});
const history = (...entries: JsonObject[]): SandboxReply => ({
  status: 200,
  resource: {
    resourceType: "Bundle",
    type: "history",
    total: entries.length,
    ...(entries.length ? { entry: entries } : {}),
  },
});
const entryIds = (reply: SandboxReply) =>
  ((reply.resource?.entry as JsonObject[] | undefined) ?? []).map((entry) => {
    const resource = entry.resource as JsonObject;
    return `${resource.id}/${(resource.meta as JsonObject).versionId}`;
  });
const outcome = () => errorReply(noRecordFound("Consent with id x"));

describe("reply faults", () => {
  it("changes nothing when no fault mode is on, and never touches the reply it was given", () => {
    const reply = written(201);
    expect(applyReplyFaults(reply, line("POST", "Consent"), context([]))).toBe(reply);
    apply("consent-without-profile", reply, line("POST", "Consent"));
    expect(reply).toEqual(written(201));
  });

  it("metadata faults reshape only a successful CapabilityStatement", () => {
    const metadata = line("GET", "metadata");
    expect(apply("metadata-wrong-fhir-version", statement(), metadata).resource?.fhirVersion).toBe(
      "4.0.1",
    );
    const rest = (reply: SandboxReply) =>
      (
        (((reply.resource as JsonObject).rest as JsonObject[])[0] as JsonObject)
          .resource as JsonObject[]
      )[0];
    expect(rest(apply("metadata-omits-interactions", statement(), metadata))?.interaction).toEqual([
      { code: "search-type" },
    ]);
    expect(rest(apply("metadata-update-create", statement(), metadata))?.updateCreate).toBe(true);
    expect(
      apply("metadata-wrong-fhir-version", statement(), line("GET", "Consent/_history")),
    ).toEqual(statement());
    for (const status of [199, 300]) {
      const unsuccessful = { ...statement(), status };
      expect(apply("metadata-wrong-fhir-version", unsuccessful, metadata)).toEqual(unsuccessful);
    }
    const failed = { ...statement(), status: 500 };
    expect(apply("metadata-wrong-fhir-version", failed, metadata)).toEqual(failed);
  });

  it("status faults: create 201 becomes 200, update 200 becomes 201, on their own routes only", () => {
    expect(apply("create-returns-200", written(201), line("POST", "Consent")).status).toBe(200);
    expect(apply("create-returns-200", written(201), line("PUT", "Consent/c1")).status).toBe(201);
    expect(apply("create-returns-200", written(201), line("GET", "Consent")).status).toBe(201);
    expect(apply("create-returns-200", written(201), line("POST", "Patient")).status).toBe(201);
    expect(apply("create-returns-200", written(201), line("POST", "_admin/seed")).status).toBe(201);
    expect(apply("update-returns-201", written(200), line("PUT", "Consent/c1")).status).toBe(201);
    expect(apply("update-returns-201", written(200), line("GET", "Consent/c1")).status).toBe(200);
    expect(apply("update-returns-201", written(204), line("PUT", "Consent/c1")).status).toBe(204);
  });

  it("header faults drop Location or ETag of a 201, or the version from Location", () => {
    const create = line("POST", "Consent");
    expect(apply("create-without-location", written(201), create).headers).toEqual({
      ETag: 'W/"1"',
    });
    expect(
      apply("create-without-location", written(200), line("PUT", "Consent/c1")).headers?.Location,
    ).toBe(LOCATION);
    expect(apply("create-without-etag", written(201), line("PUT", "Consent/c1")).headers).toEqual({
      Location: LOCATION,
    });
    expect(apply("create-without-etag", written(200), create).headers?.ETag).toBe('W/"1"');
    expect(apply("location-without-version", written(201), create).headers?.Location).toBe(
      "http://h/STU3/Consent/c1",
    );
    const bare = { status: 201, headers: {} };
    expect(apply("location-without-version", bare, create)).toEqual(bare);
  });

  it("update-changes-id answers another id in the body and Location", () => {
    const changed = apply("update-changes-id", written(200), line("PUT", "Consent/c1"));
    expect(changed.resource?.id).toBe("ndop-1");
    expect(changed.headers?.Location).toBe("http://h/STU3/Consent/ndop-1/_history/1");
    const bodiless = { status: 200, headers: { Location: LOCATION } };
    expect(apply("update-changes-id", bodiless, line("PUT", "Consent/c1"))).toEqual(bodiless);
  });

  it("vread-returns-current answers the current version instead", () => {
    const reply = { status: 200, resource: { resourceType: "Consent", id: "c1" } };
    const current = apply("vread-returns-current", reply, line("GET", "Consent/c1/_history/1"));
    expect(current.resource?.meta).toEqual({ versionId: "2" });
    expect(current.headers?.ETag).toBe('W/"2"');
    expect(apply("vread-returns-current", reply, line("GET", "Consent/zz/_history/1"))).toEqual(
      reply,
    );
  });

  it("history faults: current only, drop the oldest, oldest first, another bundle type, 404 when empty", () => {
    const full = () => history(consent("a", "2"), consent("b", "1"), consent("a", "1"));
    const patient = line("GET", "Consent/_history", "patient=P");
    const instance = line("GET", "Consent/a/_history");
    const current = apply("patient-history-current-only", full(), patient);
    expect([entryIds(current), current.resource?.total]).toEqual([["a/2", "b/1"], 2]);
    expect(entryIds(apply("patient-history-current-only", full(), instance))).toEqual([
      "a/2",
      "b/1",
      "a/1",
    ]);
    const dropped = apply("history-drops-version", full(), instance);
    expect([entryIds(dropped), dropped.resource?.total]).toEqual([["a/2", "b/1"], 2]);
    expect(entryIds(apply("history-drops-version", history(consent("a", "1")), instance))).toEqual([
      "a/1",
    ]);
    expect(entryIds(apply("history-oldest-first", full(), patient))).toEqual(["a/1", "b/1", "a/2"]);
    expect(apply("history-wrong-bundle-type", full(), instance).resource?.type).toBe("searchset");
    const empty = apply("history-404-when-empty", history(), patient);
    expect(empty.status).toBe(404);
    expect(
      (((empty.resource as JsonObject).issue as JsonObject[])[0] as JsonObject).diagnostics,
    ).toBe("No Consent for P.");
    expect(apply("history-404-when-empty", full(), patient).status).toBe(200);
    const none = apply("history-oldest-first", history(), patient);
    expect([none.resource?.total, "entry" in (none.resource ?? {})]).toEqual([0, false]);
  });

  it("meta faults drop profile or lastUpdated from a Consent and from each Consent of a Bundle", () => {
    const create = line("POST", "Consent");
    expect(apply("consent-without-profile", written(201), create).resource?.meta).toEqual({
      lastUpdated: "t",
    });
    expect(apply("consent-without-last-updated", written(201), create).resource?.meta).toEqual({
      profile: ["p"],
    });
    const bundle = apply(
      "consent-without-profile",
      history(consent("a", "1"), { fullUrl: "x" }),
      line("GET", "Consent/a/_history"),
    );
    expect(
      (
        (((bundle.resource as JsonObject).entry as JsonObject[])[0] as JsonObject)
          .resource as JsonObject
      ).meta,
    ).toEqual({
      versionId: "1",
      lastUpdated: "t",
    });
    const other = { status: 200, resource: { resourceType: "Patient", meta: { profile: ["p"] } } };
    expect(apply("consent-without-profile", other, create)).toEqual(other);
  });

  it("error faults: no coding, another code system, every error as 500", () => {
    const request = line("GET", "Consent/x/_history");
    const details = (reply: SandboxReply) =>
      (((reply.resource as JsonObject).issue as JsonObject[])[0] as JsonObject)
        .details as JsonObject;
    expect(details(apply("outcome-without-coding", outcome(), request))).toEqual({});
    expect(
      (details(apply("outcome-wrong-code-system", outcome(), request)).coding as JsonObject[])[0]
        ?.system,
    ).toBe("http://hl7.org/fhir/operation-outcome");
    expect(apply("outcome-without-coding", written(201), request)).toEqual(written(201));
    expect(apply("outcome-without-coding", { status: 204 }, request)).toEqual({ status: 204 });
    const instance = line("GET", "Consent/a/_history");
    expect(apply("history-wrong-bundle-type", { status: 200 }, instance)).toEqual({ status: 200 });
    expect(apply("errors-as-500", outcome(), request).status).toBe(500);
    expect(apply("errors-as-500", { status: 400 }, request).status).toBe(500);
    expect(apply("errors-as-500", { status: 399 }, request).status).toBe(399);
  });
});
