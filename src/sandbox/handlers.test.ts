import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonObject, NDOP_CONSENT_PROFILE, PDS_PATIENT_BASE } from "../fhir/index.js";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  nextPatient,
  type SendOptions,
  send,
  startTestSandbox,
  withTestSandbox,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

/** Each handler of contract section 5 over loopback HTTP, with sequence ids so answers are exact. */

let sandbox: RunningSandbox;
let base: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ idScheme: "sequence" });
  base = sandbox.baseUrl;
});
afterAll(() => sandbox.close());

const create = (body: JsonObject, options: SendOptions = {}, on = sandbox) =>
  send(on, "POST", "/Consent", { body, interaction: "create", ...options });
const update = (id: string, body: JsonObject, options: SendOptions = {}, on = sandbox) =>
  send(on, "PUT", `/Consent/${id}`, { body, interaction: "update", ...options });
const patientHistory = (query: string, on = sandbox) =>
  send(on, "GET", `/Consent/_history?${query}`, { interaction: "history-type" });
const patientQuery = (nhsNumber: string) =>
  `patient=${encodeURIComponent(PDS_PATIENT_BASE + nhsNumber)}`;

describe("create (section 5 row 2)", () => {
  it("answers 201 with Location, ETag and Last-Modified of the stored first version", async () => {
    const answer = await create(consentFor());
    expect(answer.status).toBe(201);
    const stored = answer.body;
    const meta = stored.meta as JsonObject;
    expect(meta.versionId, JSON.stringify(meta)).toBe("1");
    expect(meta.profile).toEqual([NDOP_CONSENT_PROFILE]);
    expect(answer.headers.location).toBe(`${base}/Consent/${stored.id}/_history/1`);
    expect(answer.headers.etag).toBe('W/"1"');
    expect(answer.headers["last-modified"]).toBe(
      new Date(meta.lastUpdated as string).toUTCString(),
    );
    expect(stored.id).toMatch(/^ndop-\d+$/);
  });

  it("refuses a second Consent for the patient, naming the one that holds it", async () => {
    const nhs = nextPatient();
    const first = await create(consentFor(nhs));
    const again = await create(consentFor(nhs));
    expectSpineOutcome(again, 422, "duplicate", "DUPLICATE_REJECTED");
    expect(diagnosticsOf(again)).toBe(
      `Patient ${PDS_PATIENT_BASE}${nhs} already has a Consent for this policy and purpose (${first.body.id}); update it instead.`,
    );
  });

  it("refuses a body that carries an id, saying the server assigns it", async () => {
    const answer = await create(consentFor(undefined, { id: "mine" }));
    expectSpineOutcome(answer, 405, "forbidden", "MSG_RESOURCE_ID_FAIL");
    expect(diagnosticsOf(answer)).toBe(
      "A Consent sent to create must not carry an id: the server assigns it.",
    );
  });

  it("refuses an unreadable body with 400 before anything is stored", async () => {
    const answer = await send(sandbox, "POST", "/Consent", { body: "{", interaction: "create" });
    expectSpineOutcome(answer, 400, "structure", "MESSAGE_NOT_WELL_FORMED");
  });

  it("keeps the client's id under accept-client-id, and assigns one when none is sent", async () => {
    await withTestSandbox({ faults: ["accept-client-id"] }, async (other) => {
      const kept = await create(consentFor(undefined, { id: "client-7" }), {}, other);
      expect([kept.status, kept.headers.location]).toEqual([
        201,
        `${other.baseUrl}/Consent/client-7/_history/1`,
      ]);
      const assigned = await create(consentFor(), {}, other);
      expect(assigned.body.id).toBe("ndop-1");
    });
  });

  it("keeps client meta it does not own (tags) but replaces versionId, lastUpdated and profile", async () => {
    const sent = consentFor(undefined, {
      meta: {
        versionId: "77",
        lastUpdated: "2001-01-01T00:00:00Z",
        profile: [NDOP_CONSENT_PROFILE],
        tag: [{ code: "t" }],
      },
    });
    const answer = await create(sent);
    expect(answer.status, answer.text).toBe(201);
    const meta = answer.body.meta as JsonObject;
    expect(meta.versionId, JSON.stringify(meta)).toBe("1");
    expect(meta.lastUpdated).not.toBe("2001-01-01T00:00:00Z");
    expect(meta.tag).toEqual([{ code: "t" }]);
  });

  it("answers with no body under Prefer: return=minimal, and ignores Prefer when so set", async () => {
    const minimal = await create(consentFor(), { headers: { Prefer: "return=minimal" } });
    expect([minimal.status, minimal.text]).toEqual([201, ""]);
    await withTestSandbox({ honourPrefer: false }, async (other) => {
      const ignored = await create(consentFor(), { headers: { Prefer: "return=minimal" } }, other);
      expect([ignored.status, ignored.body.resourceType]).toEqual([201, "Consent"]);
      await withTestSandbox({ honourPrefer: false, returnRepresentation: false }, async (bare) => {
        const asked = await create(
          consentFor(),
          { headers: { Prefer: "return=representation" } },
          bare,
        );
        expect([asked.status, asked.text]).toEqual([201, ""]);
      });
    });
  });
});

describe("update (section 5 row 3)", () => {
  async function stored(nhs = nextPatient()): Promise<JsonObject> {
    return (await create(consentFor(nhs))).body;
  }

  it("stores a new version 2 with its headers, and answers 200", async () => {
    const first = await stored();
    const answer = await update(first.id as string, { ...first, status: "inactive" });
    expect(answer.status).toBe(200);
    expect(answer.headers.location).toBe(`${base}/Consent/${first.id}/_history/2`);
    expect(answer.headers.etag).toBe('W/"2"');
    expect(answer.body.status).toBe("inactive");
    expect((answer.body.meta as JsonObject).versionId).toBe("2");
  });

  it("refuses a body with no id or another id than the URL's with 400 INVALID_VALUE", async () => {
    const first = await stored();
    const { id: _id, ...withoutId } = first;
    const none = await update(first.id as string, withoutId);
    expectSpineOutcome(none, 400, "invalid", "INVALID_VALUE");
    expect(diagnosticsOf(none)).toBe(
      `The Consent in the body has no id; an update must carry the id of the URL, ${first.id}.`,
    );
    const other = await update(first.id as string, { ...first, id: "ndop-999" });
    expect(diagnosticsOf(other)).toBe(
      `The Consent in the body has id ndop-999; an update must carry the id of the URL, ${first.id}.`,
    );
  });

  it("refuses an If-Match that is not an ETag (400) and a stale one (412), and takes the current one", async () => {
    const first = await stored();
    const id = first.id as string;
    const bad = await update(id, first, { headers: { "If-Match": "version-1" } });
    expectSpineOutcome(bad, 400, "invalid", "INVALID_VALUE");
    expect(diagnosticsOf(bad)).toBe('If-Match version-1 is not an ETag such as W/"1".');
    expect((await update(id, first, { headers: { "If-Match": ' W/"1" ' } })).status).toBe(200);
    const stale = await update(id, first, { headers: { "If-Match": 'W/"1"' } });
    expectSpineOutcome(stale, 412, "conflict", "INVALID_REQUEST_STATE");
    expect(diagnosticsOf(stale)).toBe("If-Match names version 1, but the current version is 2.");
  });

  it("ignores If-Match when so set", async () => {
    await withTestSandbox({ ifMatch: "ignored" }, async (other) => {
      const first = (await create(consentFor(), {}, other)).body;
      const headers = { "If-Match": "not-an-etag" };
      const answer = await update(first.id as string, first, { headers }, other);
      expect(answer.status).toBe(200);
    });
  });

  it("refuses moving a Consent to another patient with 422 INVALID_VALUE", async () => {
    const first = await stored();
    const other = consentFor();
    const moved = await update(first.id as string, { ...first, patient: other.patient });
    expectSpineOutcome(moved, 422, "value", "INVALID_VALUE");
    const from = (first.patient as JsonObject).reference;
    const to = (other.patient as JsonObject).reference;
    expect(diagnosticsOf(moved)).toBe(
      `Consent.patient: Consent ${first.id} belongs to ${from}; an update cannot move it to ${to}. Create a Consent for that patient instead.`,
    );
  });

  it("refuses an unknown id with 404 NO_RECORD_FOUND, or 405 when so set", async () => {
    const unknown = await update("ndop-404", consentFor(undefined, { id: "ndop-404" }));
    expectSpineOutcome(unknown, 404, "not-found", "NO_RECORD_FOUND");
    expect(diagnosticsOf(unknown)).toBe("No Consent with id ndop-404.");
    await withTestSandbox({ updateUnknownId: 405 }, async (other) => {
      const refused = await update("x1", consentFor(undefined, { id: "x1" }), {}, other);
      expect(diagnosticsOf(refused)).toBe(
        "Consent x1 does not exist: create it with POST, not PUT.",
      );
    });
  });
});

describe("history (section 5 rows 4 and 5)", () => {
  it("lists an instance's versions newest first with request entries and a self link", async () => {
    const first = (await create(consentFor())).body;
    const id = first.id as string;
    await update(id, { ...first, status: "inactive" });
    const answer = await send(sandbox, "GET", `/Consent/${id}/_history`, {
      interaction: "history-instance",
    });
    expect(answer.status).toBe(200);
    const bundle = answer.body;
    expect([bundle.type, bundle.total]).toEqual(["history", 2]);
    expect(bundle.link).toEqual([{ relation: "self", url: `${base}/Consent/${id}/_history` }]);
    expect(typeof (bundle.meta as JsonObject).lastUpdated).toBe("string");
    const entries = bundle.entry as JsonObject[];
    expect(entries.map((entry) => [entry.fullUrl, entry.request, entry.response])).toEqual([
      [`${base}/Consent/${id}`, { method: "PUT", url: `Consent/${id}` }, undefined],
      [`${base}/Consent/${id}`, { method: "POST", url: "Consent" }, undefined],
    ]);
    expect(entries.map((entry) => (entry.resource as JsonObject).status)).toEqual([
      "inactive",
      "active",
    ]);
  });

  it("answers 404 for the history of an unknown id and 400 for a parameter it does not take", async () => {
    const unknown = await send(sandbox, "GET", "/Consent/ndop-0/_history", {
      interaction: "history-instance",
    });
    expectSpineOutcome(unknown, 404, "not-found", "NO_RECORD_FOUND");
    expect(diagnosticsOf(unknown)).toBe("No Consent with id ndop-0.");
    const first = (await create(consentFor())).body;
    const extra = await send(sandbox, "GET", `/Consent/${first.id}/_history?_count=1`, {
      interaction: "history-instance",
    });
    expectSpineOutcome(extra, 400, "not-supported", "INVALID_PARAMETER");
    expect(diagnosticsOf(extra)).toBe("Parameter _count is not supported here.");
    const formatted = await send(sandbox, "GET", `/Consent/${first.id}/_history?_format=json`, {
      interaction: "history-instance",
    });
    expect(formatted.status).toBe(200);
  });

  it("lists only the patient's versions, and an empty history has total 0 and no entry", async () => {
    const nhs = nextPatient();
    await create(consentFor());
    const first = (await create(consentFor(nhs))).body;
    const answer = await patientHistory(`${patientQuery(nhs)}&_format=json`);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(1);
    expect((answer.body.entry as JsonObject[]).map((entry) => entry.fullUrl)).toEqual([
      `${base}/Consent/${first.id}`,
    ]);
    expect(answer.body.link).toEqual([
      {
        relation: "self",
        url: `${base}/Consent/_history?patient=${encodeURIComponent(PDS_PATIENT_BASE + nhs)}`,
      },
    ]);
    const empty = await patientHistory(patientQuery(nextPatient()));
    expect([empty.status, empty.body.total, "entry" in empty.body]).toEqual([200, 0, false]);
  });

  it.each([
    [
      "no patient parameter",
      "",
      "Give exactly one patient parameter: the patient's PDS reference.",
    ],
    [
      "two patient parameters",
      "PAIR",
      "Give exactly one patient parameter: the patient's PDS reference.",
    ],
    ["another parameter", "PATIENT&status=active", "Parameter status is not supported here."],
  ])("refuses %s with 400 INVALID_PARAMETER (not-supported)", async (_, shape, message) => {
    const query = patientQuery(nextPatient());
    const text = shape === "PAIR" ? `${query}&${query}` : shape.replace("PATIENT", query);
    const answer = await patientHistory(text);
    expectSpineOutcome(answer, 400, "not-supported", "INVALID_PARAMETER");
    expect(diagnosticsOf(answer)).toBe(message);
  });

  it.each([
    ["a bare NHS number", "9000000009"],
    ["an NHS number with a wrong check digit", `${PDS_PATIENT_BASE}9000000000`],
    ["another base", "https://example.org/Patient/9000000009"],
  ])("refuses %s as patient with 400 INVALID_PARAMETER (invalid)", async (_, patient) => {
    const answer = await patientHistory(`patient=${encodeURIComponent(patient)}`);
    expectSpineOutcome(answer, 400, "invalid", "INVALID_PARAMETER");
    expect(diagnosticsOf(answer)).toBe(
      `patient must be ${PDS_PATIENT_BASE}<valid NHS number>, not ${patient}.`,
    );
  });

  it("cuts a long patient value to 120 characters in the diagnostics", async () => {
    const patient = "x".repeat(200);
    const answer = await patientHistory(`patient=${patient}`);
    expect(diagnosticsOf(answer)).toBe(
      `patient must be ${PDS_PATIENT_BASE}<valid NHS number>, not ${"x".repeat(120)}.`,
    );
  });

  const lastUpdatedOf = (entry: JsonObject) =>
    ((entry.resource as JsonObject).meta as JsonObject).lastUpdated;

  it.each([
    ["request-and-response", true, true],
    ["resource-only", false, false],
  ] as const)(
    "history entries under historyEntries %s",
    async (historyEntries, request, response) => {
      await withTestSandbox({ historyEntries }, async (other) => {
        const first = (await create(consentFor(), {}, other)).body;
        const id = first.id as string;
        await update(id, first, {}, other);
        const answer = await send(other, "GET", `/Consent/${id}/_history`, {
          interaction: "history-instance",
        });
        const [newer, older] = answer.body.entry as [JsonObject, JsonObject];
        const shape = (
          entry: JsonObject,
          method: string,
          url: string,
          status: string,
          vid: string,
        ) => [
          request ? { method, url } : undefined,
          response ? { status, etag: `W/"${vid}"`, lastModified: lastUpdatedOf(entry) } : undefined,
        ];
        expect([newer, older].map((entry) => [entry.request, entry.response])).toEqual([
          shape(newer, "PUT", `Consent/${id}`, "200 OK", "2"),
          shape(older, "POST", "Consent", "201 Created", "1"),
        ]);
      });
    },
  );
});

describe("vread (section 5 row 6)", () => {
  it("answers a stored version with its ETag and Last-Modified, and 404 names a missing one", async () => {
    const first = (await create(consentFor())).body;
    const answer = await send(sandbox, "GET", `/Consent/${first.id}/_history/1`, {
      interaction: "vread",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(first);
    expect(answer.headers.etag).toBe('W/"1"');
    expect(answer.headers["last-modified"]).toBe(
      new Date((first.meta as JsonObject).lastUpdated as string).toUTCString(),
    );
    const missing = await send(sandbox, "GET", `/Consent/${first.id}/_history/9`, {
      interaction: "vread",
    });
    expectSpineOutcome(missing, 404, "not-found", "NO_RECORD_FOUND");
    expect(diagnosticsOf(missing)).toBe(`No version 9 of Consent ${first.id}.`);
  });
});

describe("search of current preferences", () => {
  it("is refused with 400 INVALID_REQUEST_TYPE while off", async () => {
    const answer = await send(sandbox, "GET", `/Consent?${patientQuery(nextPatient())}`, {
      interaction: "search-type",
    });
    expectSpineOutcome(answer, 400, "not-supported", "INVALID_REQUEST_TYPE");
    expect(diagnosticsOf(answer)).toBe(
      "Search of Consents is not supported; read a patient's history instead.",
    );
  });

  it("answers a searchset of the patient's current Consent when on, and refuses a bad patient", async () => {
    await withTestSandbox({ searchEnabled: true }, async (other) => {
      const nhs = nextPatient();
      const first = (await create(consentFor(nhs), {}, other)).body;
      const updated = (
        await update(first.id as string, { ...first, status: "inactive" }, {}, other)
      ).body;
      const answer = await send(other, "GET", `/Consent?${patientQuery(nhs)}`, {
        interaction: "search-type",
      });
      expect(answer.status).toBe(200);
      const { id: _id, ...bundle } = answer.body;
      expect(bundle).toEqual({
        resourceType: "Bundle",
        type: "searchset",
        total: 1,
        link: [
          {
            relation: "self",
            url: `${other.baseUrl}/Consent?patient=${encodeURIComponent(PDS_PATIENT_BASE + nhs)}`,
          },
        ],
        entry: [
          {
            fullUrl: `${other.baseUrl}/Consent/${first.id}`,
            resource: updated,
            search: { mode: "match" },
          },
        ],
      });
      const bad = await send(other, "GET", "/Consent?patient=123", { interaction: "search-type" });
      expectSpineOutcome(bad, 400, "invalid", "INVALID_PARAMETER");
    });
  });
});
