import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentFor, expectSpineOutcome, send, startTestSandbox } from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

const PDS = "https://demographics.spineservices.nhs.uk/STU3/Patient/";
const stores = ["memory", "sqlite"] as const;

describe.each(stores)("the exact Spine answers (%s store)", (store) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox(store === "sqlite" ? { store: "sqlite::memory:" } : {});
  });
  afterAll(() => sandbox.close());

  it("?patient= with an invalid NHS number: 400 invalid INVALID_PARAMETER", async () => {
    const answer = await send(
      sandbox,
      "GET",
      `/Consent/_history?patient=${encodeURIComponent(`${PDS}6105551234`)}`,
      { interaction: "history-type" },
    );
    expectSpineOutcome(answer, 400, "invalid", "INVALID_PARAMETER");
  });

  it("a PUT whose body has no id: 400 invalid INVALID_VALUE", async () => {
    const created = await send(sandbox, "POST", "/Consent", {
      body: consentFor(),
      interaction: "create",
    });
    const body = consentFor(undefined, { patient: created.body.patient });
    expect(body.id).toBeUndefined();
    const answer = await send(sandbox, "PUT", `/Consent/${String(created.body.id)}`, {
      body,
      interaction: "update",
    });
    expectSpineOutcome(answer, 400, "invalid", "INVALID_VALUE");
  });
});
