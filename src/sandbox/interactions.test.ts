import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import {
  consentFor,
  expectSpineOutcome,
  nextPatient,
  send,
  startTestSandbox,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

const PDS = "https://demographics.spineservices.nhs.uk/STU3/Patient/";
const NDOP_CONSENT = "https://fhir.nhs.uk/STU3/StructureDefinition/NDOP-Consent-1";
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** Contract section 5, every row, in JSON and in XML, over real HTTP. */
describe.each(["json", "xml"] as const)("section 5 interactions (%s)", (format) => {
  const mediaType = format === "json" ? "application/fhir+json" : "application/fhir+xml";

  it("1 capabilities: a valid CapabilityStatement for STU3 3.0.1 declaring NDOP-Consent-1", async () => {
    const answer = await send(sandbox, "GET", "/metadata", { format, interaction: "capabilities" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe(`${mediaType}; charset=utf-8`);
    expect(answer.validation?.valid).toBe(true);
    const resource = (answer.body.rest as JsonObject[])[0]?.resource as JsonObject[];
    expect(answer.body.fhirVersion).toBe("3.0.1");
    expect(resource[0]).toMatchObject({
      type: "Consent",
      profile: { reference: NDOP_CONSENT },
      versioning: "versioned",
      readHistory: true,
      updateCreate: false,
    });
  });

  it("2-6: create, update, instance history, patient history and vread of one Consent", async () => {
    const patient = nextPatient();
    const sent = consentFor(patient);
    const created = await send(sandbox, "POST", "/Consent", {
      format,
      body: sent,
      interaction: "create",
    });
    expect(created.status).toBe(201);
    expect(created.validation?.valid, JSON.stringify(created.validation?.issues)).toBe(true);
    const id = String(created.body.id);
    const firstVersion = String((created.body.meta as JsonObject).versionId);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(
      `${sandbox.baseUrl}/Consent/${id}/_history/${firstVersion}`,
    );
    expect(created.headers.etag).toBe(`W/"${firstVersion}"`);
    expect(created.body.meta).toMatchObject({
      profile: [NDOP_CONSENT],
      lastUpdated: expect.any(String),
    });

    const withdrawn = { ...sent, id, status: "inactive" };
    const updated = await send(sandbox, "PUT", `/Consent/${id}`, {
      format,
      body: withdrawn,
      interaction: "update",
    });
    expect(updated.status).toBe(200);
    const secondVersion = String((updated.body.meta as JsonObject).versionId);
    expect(secondVersion).not.toBe(firstVersion);
    expect(updated.body.id).toBe(id);
    expect(updated.headers.location).toBe(
      `${sandbox.baseUrl}/Consent/${id}/_history/${secondVersion}`,
    );

    const history = await send(sandbox, "GET", `/Consent/${id}/_history`, {
      format,
      interaction: "history-instance",
    });
    expect(history.status).toBe(200);
    expect(history.validation?.valid, JSON.stringify(history.validation?.issues)).toBe(true);
    expect(history.resource).toMatchObject({ type: "history", total: 2 });
    const entries = history.body.entry as { resource: JsonObject }[];
    expect(entries.map((entry) => (entry.resource.meta as JsonObject).versionId)).toEqual([
      secondVersion,
      firstVersion,
    ]);
    expect(entries.map((entry) => entry.resource.status)).toEqual(["inactive", "active"]);

    const patientHistory = await send(
      sandbox,
      "GET",
      `/Consent/_history?patient=${encodeURIComponent(PDS + patient)}`,
      { format, interaction: "history-type" },
    );
    expect(patientHistory.status).toBe(200);
    expect(patientHistory.resource).toMatchObject({ type: "history", total: 2 });

    for (const [versionId, status] of [
      [firstVersion, "active"],
      [secondVersion, "inactive"],
    ]) {
      const read = await send(sandbox, "GET", `/Consent/${id}/_history/${versionId}`, {
        format,
        interaction: "vread",
      });
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe(`W/"${versionId}"`);
      expect(read.resource).toMatchObject({ id, status, meta: { versionId } });
      expect(read.validation?.valid).toBe(true);
    }
  });

  it("5 a patient with no Consent has an empty history: 200, type history, total 0", async () => {
    const answer = await send(
      sandbox,
      "GET",
      `/Consent/_history?patient=${encodeURIComponent(PDS + nextPatient())}`,
      { format, interaction: "history-type" },
    );
    expect(answer.status).toBe(200);
    expect(answer.resource).toMatchObject({ resourceType: "Bundle", type: "history", total: 0 });
    expect(answer.validation?.valid).toBe(true);
  });

  it("3 update answers 412 to a stale If-Match and keeps history unchanged", async () => {
    const created = await send(sandbox, "POST", "/Consent", {
      format,
      body: consentFor(),
      interaction: "create",
    });
    const id = String(created.body.id);
    const stale = `W/"${String((created.body.meta as JsonObject).versionId)}"`;
    const body = {
      ...consentFor(undefined, {
        patient: created.body.patient,
        consentingParty: created.body.consentingParty,
      }),
      id,
    };
    const first = await send(sandbox, "PUT", `/Consent/${id}`, {
      format,
      body,
      interaction: "update",
      headers: { "If-Match": stale },
    });
    expect(first.status).toBe(200);
    const second = await send(sandbox, "PUT", `/Consent/${id}`, {
      format,
      body,
      interaction: "update",
      headers: { "If-Match": stale },
    });
    expectSpineOutcome(second, 412, "conflict", "INVALID_REQUEST_STATE");
    const history = await send(sandbox, "GET", `/Consent/${id}/_history`, {
      format,
      interaction: "history-instance",
    });
    expect(history.body.total).toBe(2);
  });
});

describe("section 4 content negotiation", () => {
  it.each([
    ["application/fhir+json", undefined, "application/fhir+json"],
    ["application/json+fhir", undefined, "application/json+fhir"],
    ["application/fhir+xml", undefined, "application/fhir+xml"],
    ["application/xml+fhir", undefined, "application/xml+fhir"],
    ["application/fhir+xml", "json", "application/fhir+json"],
    ["application/fhir+json", "xml", "application/fhir+xml"],
    ["*/*", undefined, "application/fhir+json"],
  ])("Accept %s with _format=%s answers %s", async (accept, format, expected) => {
    const query = format ? `?_format=${format}` : "";
    const answer = await send(sandbox, "GET", `/metadata${query}`, {
      accept,
      interaction: "capabilities",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe(`${expected}; charset=utf-8`);
    expect(answer.body.resourceType).toBe("CapabilityStatement");
  });

  it.each([
    "application/fhir+json",
    "application/json+fhir",
    "application/fhir+xml",
    "application/xml+fhir",
  ])("accepts a create sent as %s", async (contentType) => {
    const format = contentType.includes("xml") ? "xml" : "json";
    const answer = await send(sandbox, "POST", "/Consent", {
      format,
      contentType,
      body: consentFor(),
      interaction: "create",
    });
    expect(answer.status).toBe(201);
  });
});
