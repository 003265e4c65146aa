import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import type { JsonObject } from "../fhir/index.js";
import {
  consentFor,
  type Exchange,
  type SendOptions,
  send,
  spineCodeOf,
  startTestSandbox,
  withProxy,
} from "../testing/index.js";
import { DEFAULT_SETTINGS, type RunningSandbox } from "./index.js";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

function expectOutcome(
  answer: Exchange,
  status: number,
  issueCode: string,
  spineCode: string,
): void {
  expect(answer.status, answer.text.slice(0, 400)).toBe(status);
  expect(answer.body.resourceType).toBe("OperationOutcome");
  expect(answer.validation?.valid, JSON.stringify(answer.validation?.issues)).toBe(true);
  expect(answer.validation?.profiles).toEqual([
    "https://fhir.nhs.uk/STU3/StructureDefinition/Spine-OperationOutcome-1",
  ]);
  expect((answer.body.issue as JsonObject[])[0]?.code).toBe(issueCode);
  expect(spineCodeOf(answer)).toBe(spineCode);
}

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
    expectOutcome(
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
    expectOutcome(await create(again), 422, "duplicate", "DUPLICATE_REJECTED");
  });

  it("a body that is not parseable: 400 structure MESSAGE_NOT_WELL_FORMED", async () => {
    const broken =
      format === "json"
        ? '{"resourceType":"Consent",'
        : '<Consent xmlns="http://hl7.org/fhir"><status value="active">';
    expectOutcome(await create(broken), 400, "structure", "MESSAGE_NOT_WELL_FORMED");
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
      expectOutcome(answer, 422, issueCode, spineCode);
      expect(String((answer.body.issue as JsonObject[])[0]?.diagnostics)).toContain(location);
    },
  );

  it("update of an id that does not exist: 404 not-found NO_RECORD_FOUND", async () => {
    const body = consentFor(undefined, { id: "00000000-0000-4000-8000-000000000000" });
    expectOutcome(
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
    expectOutcome(
      await send(sandbox, "GET", "/Consent/00000000-0000-4000-8000-000000000000/_history", {
        format,
        interaction: "history",
      }),
      404,
      "not-found",
      "NO_RECORD_FOUND",
    );
    const existing = await created(format);
    expectOutcome(
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
    expectOutcome(
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
    expectOutcome(
      await send(sandbox, "GET", `/Consent/${String(existing.id)}`, {
        format,
        interaction: "vread",
      }),
      400,
      "not-supported",
      "INVALID_REQUEST_TYPE",
    );
    expectOutcome(
      await send(
        sandbox,
        "GET",
        "/Consent?patient=https://demographics.spineservices.nhs.uk/STU3/Patient/9990000018",
        { format, interaction: "search" },
      ),
      400,
      "not-supported",
      "INVALID_REQUEST_TYPE",
    );
    expectOutcome(
      await send(sandbox, "GET", "/Consent/_history?subject=x", { format, interaction: "history" }),
      400,
      "not-supported",
      "INVALID_PARAMETER",
    );
    expectOutcome(
      await send(sandbox, "GET", "/Consent/_history", { format, interaction: "history" }),
      400,
      "not-supported",
      "INVALID_PARAMETER",
    );
  });

  describe("section 3 headers and token: 400 for missing or malformed, 403 for refused", () => {
    const interactionId = DEFAULT_SETTINGS.interactionIds.metadata;
    const metadata = (headers: Record<string, string>) =>
      send(sandbox, "GET", "/metadata", { format, interaction: "none", headers });
    const valid = () => buildSpineHeaders(SANDBOX_IDENTITY, interactionId);
    const without = (name: string) =>
      Object.fromEntries(Object.entries(valid()).filter(([key]) => key !== name));
    const token = (claims: JsonObject, lifetime = 300) => {
      const now = Math.floor(Date.now() / 1000);
      return `Bearer ${new UnsecuredJWT(claims)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetime)
        .encode()}`;
    };
    const claims = {
      iss: "https://ndop-conformance.invalid",
      sub: "u",
      aud: "https://clinicals.spineservices.nhs.uk",
      reason_for_request: "directcare",
      scope: "patient/consent.read",
      requesting_system: `https://fhir.nhs.uk/Id/accredited-system|${SANDBOX_IDENTITY.clientAsid}`,
      requesting_user: "u",
    };

    it.each(["Authorization", "Ssp-TraceID", "Ssp-From", "Ssp-To", "Ssp-InteractionID"])(
      "missing %s: 400 security MISSING_OR_INVALID_HEADER",
      async (name) => {
        expectOutcome(await metadata(without(name)), 400, "security", "MISSING_OR_INVALID_HEADER");
      },
    );

    it("a garbled JWT, a signed JWT, a trace id that is no UUID, the wrong interaction id: 400", async () => {
      expectOutcome(
        await metadata({ ...valid(), Authorization: "Bearer not.a.jwt" }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
      const signed = `Bearer eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.c2lnbmF0dXJl`;
      expectOutcome(
        await metadata({ ...valid(), Authorization: signed }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
      expectOutcome(
        await metadata({ ...valid(), "Ssp-TraceID": "trace-1" }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
      expectOutcome(
        await metadata({ ...valid(), "Ssp-InteractionID": DEFAULT_SETTINGS.interactionIds.create }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
    });

    it("an expired token, a wrong audience, a token without requesting_user or _patient: 403 ACCESS DENIED", async () => {
      expectOutcome(
        await metadata({ ...valid(), Authorization: token(claims, -60) }),
        403,
        "security",
        "ACCESS DENIED",
      );
      expectOutcome(
        await metadata({
          ...valid(),
          Authorization: token({ ...claims, aud: "https://example.org" }),
        }),
        403,
        "security",
        "ACCESS DENIED",
      );
      const { requesting_user: _user, ...anonymous } = claims;
      expectOutcome(
        await metadata({ ...valid(), Authorization: token(anonymous) }),
        403,
        "security",
        "ACCESS DENIED",
      );
    });

    it("requesting_system naming another ASID than Ssp-From: 403 ASID_CHECK_FAILED", async () => {
      expectOutcome(
        await metadata({ ...valid(), "Ssp-From": "200000000999" }),
        403,
        "security",
        "ASID_CHECK_FAILED",
      );
    });
  });
});

describe("settings of the contract's [choice]s", () => {
  it("PUT to an unknown id answers 405 MSG_RESOURCE_ID_FAIL when so set", async () => {
    const other = await startTestSandbox({ updateUnknownId: 405 });
    try {
      const body = consentFor(undefined, { id: "00000000-0000-4000-8000-000000000002" });
      expectOutcome(
        await send(other, "PUT", "/Consent/00000000-0000-4000-8000-000000000002", {
          body,
          interaction: "update",
        }),
        405,
        "forbidden",
        "MSG_RESOURCE_ID_FAIL",
      );
    } finally {
      await other.close();
    }
  });

  it("refuses an ASID outside the allowed list with 403 ASID_CHECK_FAILED", async () => {
    const other = await startTestSandbox({ allowedClientAsids: ["200000000777"] });
    try {
      expectOutcome(
        await send(other, "GET", "/metadata", { interaction: "metadata" }),
        403,
        "security",
        "ASID_CHECK_FAILED",
      );
    } finally {
      await other.close();
    }
  });

  it("serves requests without headers when security is relaxed", async () => {
    const other = await startTestSandbox({ security: "relaxed" });
    try {
      expect((await send(other, "GET", "/metadata", { interaction: "none" })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it("offers search of current preferences when switched on", async () => {
    const other = await startTestSandbox({ searchEnabled: true });
    try {
      const first = await send(other, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
      });
      const patient = (first.body.patient as JsonObject).reference as string;
      const found = await send(other, "GET", `/Consent?patient=${encodeURIComponent(patient)}`, {
        interaction: "search",
      });
      expect(found.status).toBe(200);
      expect(found.resource).toMatchObject({ type: "searchset", total: 1 });
      const metadata = await send(other, "GET", "/metadata", { interaction: "metadata" });
      expect(JSON.stringify(metadata.resource)).toContain("search-type");
    } finally {
      await other.close();
    }
  });

  it("answers create with no body under Prefer: return=minimal", async () => {
    const answer = await send(sandbox, "POST", "/Consent", {
      body: consentFor(),
      interaction: "create",
      headers: { Prefer: "return=minimal" },
    });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe("");
    expect(answer.headers.location).toMatch(/\/_history\//);
  });
});
