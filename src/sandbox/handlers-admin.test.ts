import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonObject, NDOP_CONSENT_PROFILE, PDS_PATIENT_BASE } from "../fhir/index.js";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  nextPatient,
  send,
  startTestSandbox,
  withTestSandbox,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

/** The capabilities and admin handlers of the sandbox over loopback HTTP, with sequence ids. */

let sandbox: RunningSandbox;
let base: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ idScheme: "sequence" });
  base = sandbox.baseUrl;
});
afterAll(() => sandbox.close());

describe("capabilities (section 5 row 1)", () => {
  it("states the NDOP interactions, formats and the patient search parameter", async () => {
    const answer = await send(sandbox, "GET", "/metadata");
    expect(answer.status).toBe(200);
    const statement = answer.body;
    expect(statement).toMatchObject({
      resourceType: "CapabilityStatement",
      url: `${base}/metadata`,
      version: "1.0.0",
      name: "NDOP-Sandbox-CapabilityStatement",
      status: "active",
      date: "2026-11-25",
      publisher: "ndop-conformance sandbox",
      kind: "instance",
      software: { name: "ndop-conformance sandbox" },
      implementation: { description: "Embedded NDOP FHIR API sandbox", url: base },
      fhirVersion: "3.0.1",
      acceptUnknown: "no",
      format: [
        "application/fhir+json",
        "application/json+fhir",
        "application/fhir+xml",
        "application/xml+fhir",
      ],
    });
    const rest = (statement.rest as JsonObject[])[0] as JsonObject;
    expect(rest.mode).toBe("server");
    expect((rest.resource as JsonObject[])[0]).toEqual({
      type: "Consent",
      profile: { reference: NDOP_CONSENT_PROFILE },
      interaction: ["create", "update", "vread", "history-instance", "history-type"].map(
        (code) => ({ code }),
      ),
      versioning: "versioned",
      readHistory: true,
      updateCreate: false,
      conditionalCreate: false,
      conditionalUpdate: false,
      conditionalDelete: "not-supported",
      searchParam: [
        {
          name: "patient",
          type: "reference",
          documentation:
            "The patient's PDS reference: https://demographics.spineservices.nhs.uk/STU3/Patient/<NHS number>",
        },
      ],
    });
  });
});

describe("admin seed and reset", () => {
  const admin = (path: string, body: JsonObject | string, on = sandbox) =>
    send(on, "POST", path, {
      interaction: "none",
      body,
      contentType: "application/json",
      headers: { Authorization: `Bearer ${on.adminToken}` },
    });

  it("stores a seeded Consent as given, keeping its id or assigning one", async () => {
    const given = await admin("/_admin/seed", consentFor(undefined, { id: "seeded-1" }));
    expect(given.status).toBe(201);
    expect(given.headers.location).toBe(`${base}/Consent/seeded-1/_history/1`);
    expect(given.body.id).toBe("seeded-1");
    const assigned = await admin("/_admin/seed", consentFor());
    expect(assigned.body.id).toMatch(/^ndop-\d+$/);
  });

  it.each([
    ["not JSON", "{"],
    ["null", "null"],
    ["a number", "7"],
    ["another resource", '{"resourceType":"Patient"}'],
  ])("refuses a seed body that is %s with 400", async (_, body) => {
    const answer = await admin("/_admin/seed", body);
    expectSpineOutcome(answer, 400, "structure", "MESSAGE_NOT_WELL_FORMED");
    expect(diagnosticsOf(answer)).toBe("The seed body must be a Consent in JSON.");
  });

  it("refuses seeding a preference already held with 409, and reset forgets everything", async () => {
    await withTestSandbox({}, async (other) => {
      const nhs = nextPatient();
      const first = await admin("/_admin/seed", consentFor(nhs), other);
      const again = await admin("/_admin/seed", consentFor(nhs), other);
      expectSpineOutcome(again, 409, "duplicate", "DUPLICATE_REJECTED");
      expect(diagnosticsOf(again)).toBe(
        `The sandbox already holds a Consent for that preference (${first.body.id}).`,
      );
      const reset = await admin("/_admin/reset", "", other);
      expect([reset.status, reset.text]).toEqual([204, ""]);
      expect(
        (
          await send(
            other,
            "GET",
            `/Consent/_history?patient=${encodeURIComponent(PDS_PATIENT_BASE + nhs)}`,
            {
              interaction: "history-type",
            },
          )
        ).body.total,
      ).toBe(0);
    });
  });
});
