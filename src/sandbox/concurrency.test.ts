import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { consentFor, send, startTestSandbox } from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

const stores = [
  "memory",
  `sqlite:${join(mkdtempSync(join(tmpdir(), "ndop-concurrency-")), "sandbox.db")}`,
];

describe.each(stores)("concurrent writes (%s store)", (store) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ store });
  });
  afterAll(() => sandbox.close());

  async function createOne(): Promise<JsonObject> {
    const answer = await send(sandbox, "POST", "/Consent", {
      body: consentFor(),
      interaction: "create",
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  it("50 simultaneous updates of one Consent each make exactly one version: none lost, none twice", async () => {
    const consent = await createOne();
    const id = String(consent.id);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        send(sandbox, "PUT", `/Consent/${id}`, {
          body: { ...consent, status: index % 2 ? "active" : "inactive" },
          interaction: "update",
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    const acknowledged = answers.map((answer) => answer.headers.etag);
    const history = await send(sandbox, "GET", `/Consent/${id}/_history`, {
      interaction: "history-instance",
    });
    const listed = (history.body.entry as { resource: { meta: { versionId: string } } }[]).map(
      (entry) => `W/"${entry.resource.meta.versionId}"`,
    );
    expect(listed).toHaveLength(51);
    expect(new Set(listed).size).toBe(51);
    for (const etag of acknowledged)
      expect(listed.filter((listedTag) => listedTag === etag)).toHaveLength(1);
  });

  it("20 simultaneous updates from the same version with If-Match: one wins, 19 get 412", async () => {
    const consent = await createOne();
    const ifMatch = `W/"${String((consent.meta as JsonObject).versionId)}"`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        send(sandbox, "PUT", `/Consent/${String(consent.id)}`, {
          body: { ...consent, status: "inactive" },
          interaction: "update",
          headers: { "If-Match": ifMatch },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(412)]);
  });

  it("20 simultaneous creates for one patient: one 201, 19 DUPLICATE_REJECTED", async () => {
    const body = consentFor();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        send(sandbox, "POST", "/Consent", { body, interaction: "create" }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array(19).fill(422)]);
  });
});
