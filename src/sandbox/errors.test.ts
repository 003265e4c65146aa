import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import {
  consentFor,
  expectSpineOutcome,
  type SendOptions,
  send,
  startTestSandbox,
  withProxy,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

async function created(format: "json" | "xml"): Promise<JsonObject> {
  const answer = await send(sandbox, "POST", "/Consent", {
    format,
    body: consentFor(),
    interaction: "create",
  });
  expect(answer.status).toBe(201);
  return answer.resource as JsonObject;
}

/** Contract section 6: every row, as a Spine-OperationOutcome-1, in JSON and XML. */
describe.each(["json", "xml"] as const)("section 6 errors (%s)", (format) => {
  const create = (body: JsonObject | string, options: SendOptions = {}) =>
    send(sandbox, "POST", "/Consent", { format, body, interaction: "create", ...options });

  it("create with an id in the body: 405 forbidden MSG_RESOURCE_ID_FAIL", async () => {
    expectSpineOutcome(
      await create(consentFor(undefined, { id: "3f2a4b8e-0c1d-4e5f-9a6b-7c8d9e0f1a2b" })),
      405,
      "forbidden",
      "MSG_RESOURCE_ID_FAIL",
    );
  });

  it("create for a patient, policy and purpose that already has a Consent: 422 duplicate DUPLICATE_REJECTED", async () => {
    const first = await created(format);
    const again = consentFor(undefined, {
      patient: first.patient,
      consentingParty: first.consentingParty,
      status: "inactive",
    });
    expectSpineOutcome(await create(again), 422, "duplicate", "DUPLICATE_REJECTED");
  });

  it("a body that is not parseable: 400 structure MESSAGE_NOT_WELL_FORMED", async () => {
    const broken =
      format === "json"
        ? '{"resourceType":"Consent",'
        : '<Consent xmlns="http://hl7.org/fhir"><status value="active">';
    expectSpineOutcome(await create(broken), 400, "structure", "MESSAGE_NOT_WELL_FORMED");
  });

  it.each([
    [
      "an invalid NHS number",
      (c: JsonObject) => ({
        ...c,
        patient: { reference: "https://demographics.spineservices.nhs.uk/STU3/Patient/6105551234" },
      }),
      "value",
      "INVALID_NHS_NUMBER",
      "Consent.patient.reference",
    ],
    [
      "the IG's https SNOMED system",
      (c: JsonObject) => ({
        ...c,
        purpose: [{ ...(c.purpose as JsonObject[])[0], system: "https://snomed.info/sct" }],
      }),
      "value",
      "INVALID_CODE_SYSTEM",
      "Consent.purpose[0].system",
    ],
    [
      "an opt-out source outside its value set",
      (c: JsonObject) => ({
        ...c,
        extension: [
          {
            ...(c.extension as JsonObject[])[0],
            valueCodeableConcept: {
              coding: [
                {
                  system: "https://fhir.nhs.uk/STU3/CodeSystem/NDOP-OptOutSource-1",
                  code: "XX",
                  display: "X",
                },
              ],
            },
          },
        ],
      }),
      "value",
      "INVALID_CODE_VALUE",
      "Consent.extension[0].valueCodeableConcept",
    ],
    [
      "both a consentingParty and a proxy",
      withProxy,
      "invalid",
      "CONFLICTING_VALUES",
      "Consent.consentingParty",
    ],
    [
      "a forbidden element (period)",
      (c: JsonObject) => ({ ...c, period: { start: "2017-01-01" } }),
      "structure",
      "INVALID_ELEMENT",
      "Consent.period",
    ],
    [
      "a missing dateTime",
      ({ dateTime: _dropped, ...c }: JsonObject) => c,
      "structure",
      "INVALID_RESOURCE",
      "Consent.dateTime",
    ],
    [
      "a date with no time",
      (c: JsonObject) => ({ ...c, dateTime: "2017-12-14" }),
      "value",
      "INVALID_VALUE",
      "Consent.dateTime",
    ],
    [
      "an extension with a value and extensions (ext-1)",
      (c: JsonObject) => ({
        ...c,
        extension: [
          { ...(c.extension as JsonObject[])[0], extension: [{ url: "x", valueString: "y" }] },
        ],
      }),
      "invalid",
      "FHIR_CONSTRAINT_VIOLATION",
      "Consent.extension[0]",
    ],
  ])(
    "a Consent with %s: 422 %s %s naming %s",
    async (_name, change, issueCode, spineCode, location) => {
      const answer = await create(change(consentFor()));
      expectSpineOutcome(answer, 422, issueCode, spineCode);
      expect(String((answer.body.issue as JsonObject[])[0]?.diagnostics)).toContain(location);
    },
  );

  it("update of an id that does not exist: 404 not-found NO_RECORD_FOUND", async () => {
    const body = consentFor(undefined, { id: "00000000-0000-4000-8000-000000000000" });
    expectSpineOutcome(
      await send(sandbox, "PUT", "/Consent/00000000-0000-4000-8000-000000000000", {
        format,
        body,
        interaction: "update",
      }),
      404,
      "not-found",
      "NO_RECORD_FOUND",
    );
  });

  it("instance history and vread of what does not exist: 404 not-found NO_RECORD_FOUND", async () => {
    expectSpineOutcome(
      await send(sandbox, "GET", "/Consent/00000000-0000-4000-8000-000000000000/_history", {
        format,
        interaction: "history-instance",
      }),
      404,
      "not-found",
      "NO_RECORD_FOUND",
    );
    const existing = await created(format);
    expectSpineOutcome(
      await send(sandbox, "GET", `/Consent/${String(existing.id)}/_history/nope`, {
        format,
        interaction: "vread",
      }),
      404,
      "not-found",
      "NO_RECORD_FOUND",
    );
  });

  it("update whose body id differs from the URL id: 400 invalid INVALID_VALUE", async () => {
    const existing = await created(format);
    const body = { ...existing, id: "00000000-0000-4000-8000-000000000001" };
    expectSpineOutcome(
      await send(sandbox, "PUT", `/Consent/${String(existing.id)}`, {
        format,
        body,
        interaction: "update",
      }),
      400,
      "invalid",
      "INVALID_VALUE",
    );
  });

  it("unsupported interactions and parameters: 400 not-supported INVALID_REQUEST_TYPE / INVALID_PARAMETER", async () => {
    const existing = await created(format);
    expectSpineOutcome(
      await send(sandbox, "GET", `/Consent/${String(existing.id)}`, {
        format,
        interaction: "vread",
      }),
      400,
      "not-supported",
      "INVALID_REQUEST_TYPE",
    );
    expectSpineOutcome(
      await send(
        sandbox,
        "GET",
        "/Consent?patient=https://demographics.spineservices.nhs.uk/STU3/Patient/9990000018",
        { format, interaction: "search-type" },
      ),
      400,
      "not-supported",
      "INVALID_REQUEST_TYPE",
    );
    expectSpineOutcome(
      await send(sandbox, "GET", "/Consent/_history?subject=x", {
        format,
        interaction: "history-type",
      }),
      400,
      "not-supported",
      "INVALID_PARAMETER",
    );
    expectSpineOutcome(
      await send(sandbox, "GET", "/Consent/_history", { format, interaction: "history-type" }),
      400,
      "not-supported",
      "INVALID_PARAMETER",
    );
  });
});
