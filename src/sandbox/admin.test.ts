import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { consentFor, send, spineCodeOf, startTestSandbox } from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

const PDS = "https://demographics.spineservices.nhs.uk/STU3/Patient/";
let guarded: RunningSandbox;
let open: RunningSandbox;

beforeAll(async () => {
  guarded = await startTestSandbox({ adminEnabled: false });
  open = await startTestSandbox({ adminEnabled: true });
});
afterAll(async () => {
  await guarded.close();
  await open.close();
});

/** An admin request as the README tells a person to send it: the token and JSON. */
const admin = (sandbox: RunningSandbox, path: string, body?: JsonObject | string) =>
  send(sandbox, "POST", path, {
    interaction: "none",
    body: body ?? "",
    contentType: "application/json",
    headers: { Authorization: `Bearer ${sandbox.adminToken}` },
  });

const historyOf = (sandbox: RunningSandbox, nhsNumber: string) =>
  send(sandbox, "GET", `/Consent/_history?patient=${encodeURIComponent(PDS + nhsNumber)}`, {
    interaction: "history-type",
  });

describe("sandbox-only test data: the admin routes and the in-process API", () => {
  it("offers no admin route unless the setting turns it on", async () => {
    expect((await send(guarded, "POST", "/_admin/reset", { interaction: "none" })).status).toBe(
      404,
    );
    expect(
      (await send(guarded, "POST", "/_admin/seed", { body: consentFor(), interaction: "none" }))
        .status,
    ).toBe(404);
  });

  it("seeds a Consent with a chosen id, without the API's checks, and it shows in history", async () => {
    const seeded = await admin(
      open,
      "/_admin/seed",
      consentFor("9990000018", { id: "seeded-1", status: "inactive" }),
    );
    expect(seeded.status).toBe(201);
    expect(seeded.body).toMatchObject({
      id: "seeded-1",
      status: "inactive",
      meta: { versionId: expect.any(String) },
    });
    const history = await historyOf(open, "9990000018");
    expect(
      (history.body.entry as { resource: JsonObject }[]).map((entry) => entry.resource.id),
    ).toEqual(["seeded-1"]);
  });

  it("refuses a seed that is not a JSON Consent", async () => {
    expect((await admin(open, "/_admin/seed", "<Consent/>")).status).toBe(400);
  });

  it("resets every Consent", async () => {
    open.seed(consentFor("9000000009"));
    expect((await historyOf(open, "9000000009")).body.total).toBe(1);
    expect((await admin(open, "/_admin/reset")).status).toBe(204);
    expect((await historyOf(open, "9000000009")).body.total).toBe(0);
  });

  it("gives a fresh token per sandbox, and none when the admin routes are off", () => {
    expect(open.adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(guarded.adminToken).toBeUndefined();
  });

  it.each([
    ["no token", {}, "application/json", 403, "ACCESS DENIED"],
    [
      "a wrong token",
      { Authorization: "Bearer not-the-token" },
      "application/json",
      403,
      "ACCESS DENIED",
    ],
    [
      "the token, but text/plain (a cross-origin form)",
      "token",
      "text/plain",
      415,
      "MESSAGE_NOT_WELL_FORMED",
    ],
    [
      "the token, but no JSON content type",
      "token",
      "application/fhir+json",
      415,
      "MESSAGE_NOT_WELL_FORMED",
    ],
  ] as const)(
    "refuses a reset and a seed with %s, and changes nothing",
    async (_what, auth, contentType, status, code) => {
      open.reset();
      open.seed(consentFor("9000000009"));
      const headers =
        auth === "token" ? { Authorization: `Bearer ${open.adminToken}` } : { ...auth };
      for (const [path, body] of [
        ["/_admin/reset", ""],
        ["/_admin/seed", JSON.stringify(consentFor("4505577104"))],
      ]) {
        const answer = await send(open, "POST", path as string, {
          interaction: "none",
          body: body as string,
          contentType,
          headers,
        });
        expect(answer.status).toBe(status);
        expect(spineCodeOf(answer)).toBe(code);
      }
      expect((await historyOf(open, "9000000009")).body.total).toBe(1);
      expect((await historyOf(open, "4505577104")).body.total).toBe(0);
      open.reset();
    },
  );

  it("seeds and resets in-process too", async () => {
    const version = guarded.seed(consentFor("4505577104"));
    expect((await historyOf(guarded, "4505577104")).body.total).toBe(1);
    expect(version.method).toBe("POST");
    guarded.reset();
    expect((await historyOf(guarded, "4505577104")).body.total).toBe(0);
  });

  it("refuses an in-process seed for a preference already held with a ConformanceError", () => {
    guarded.seed(consentFor("4505577104"));
    try {
      expect(() => guarded.seed(consentFor("4505577104"))).toThrow(
        expect.objectContaining({
          name: "ConformanceError",
          code: "USAGE",
          message: expect.stringMatching(
            /^409 DUPLICATE_REJECTED: The sandbox already holds a Consent for that preference/,
          ),
        }),
      );
    } finally {
      guarded.reset();
    }
  });
});
