import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { consentFor, send, startTestSandbox } from "../testing/index.js";
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

const historyOf = (sandbox: RunningSandbox, nhsNumber: string) =>
  send(sandbox, "GET", `/Consent/_history?patient=${encodeURIComponent(PDS + nhsNumber)}`, {
    interaction: "history",
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
    const seeded = await send(open, "POST", "/_admin/seed", {
      body: consentFor("9990000018", { id: "seeded-1", status: "inactive" }),
      interaction: "none",
    });
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
    expect(
      (
        await send(open, "POST", "/_admin/seed", {
          body: "<Consent/>",
          contentType: "application/fhir+xml",
          interaction: "none",
        })
      ).status,
    ).toBe(400);
  });

  it("resets every Consent", async () => {
    open.seed(consentFor("9000000009"));
    expect((await historyOf(open, "9000000009")).body.total).toBe(1);
    expect((await send(open, "POST", "/_admin/reset", { interaction: "none" })).status).toBe(204);
    expect((await historyOf(open, "9000000009")).body.total).toBe(0);
  });

  it("seeds and resets in-process too", async () => {
    const version = guarded.seed(consentFor("4505577104"));
    expect((await historyOf(guarded, "4505577104")).body.total).toBe(1);
    expect(version.method).toBe("POST");
    guarded.reset();
    expect((await historyOf(guarded, "4505577104")).body.total).toBe(0);
  });
});
