import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import { openSqliteDatabase } from "./store/sqlite-driver.js";

const PDS = "https://demographics.spineservices.nhs.uk/STU3/Patient/";
const OTHER_POLICY = [
  { uri: "https://example.org/another-policy", authority: "https://www.gov.uk/" },
];
const sqlitePath = () => join(mkdtempSync(join(tmpdir(), "ndop-unique-")), "sandbox.db");

/** Contract section 8: one live Consent per patient, policy and purpose; the same in both stores. */
describe.each([
  ["memory", () => "memory"],
  ["sqlite", () => `sqlite:${sqlitePath()}`],
])("one live Consent per patient, policy and purpose (%s store)", (_kind, store) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ store: store() });
  });
  afterAll(() => sandbox.close());

  const create = async (consent: JsonObject): Promise<JsonObject> => {
    const answer = await send(sandbox, "POST", "/Consent", {
      body: consent,
      interaction: "create",
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(201);
    return answer.body;
  };
  const update = (stored: JsonObject, changes: JsonObject) =>
    send(sandbox, "PUT", `/Consent/${String(stored.id)}`, {
      body: { ...stored, ...changes },
      interaction: "update",
    });
  const historyOf = async (nhsNumber: string) =>
    (
      await send(
        sandbox,
        "GET",
        `/Consent/_history?patient=${encodeURIComponent(PDS + nhsNumber)}`,
        {
          interaction: "history-type",
        },
      )
    ).body;

  it("an update onto another Consent's policy for the same patient: 422 DUPLICATE_REJECTED, nothing stored", async () => {
    const patient = nextPatient();
    const first = await create(consentFor(patient));
    const second = await create(consentFor(patient, { policy: OTHER_POLICY }));
    const answer = await update(second, { policy: first.policy });
    expectSpineOutcome(answer, 422, "duplicate", "DUPLICATE_REJECTED");
    expect((await historyOf(patient)).total).toBe(2);
  });

  it("an update that moves a Consent to another patient: 422 value INVALID_VALUE, nothing stored", async () => {
    const [owner, other] = [nextPatient(), nextPatient()];
    const held = await create(consentFor(owner));
    const reference = { reference: PDS + other };
    const answer = await update(held, { patient: reference, consentingParty: [reference] });
    expectSpineOutcome(answer, 422, "value", "INVALID_VALUE");
    expect((await historyOf(other)).total).toBe(0);
    expect((await historyOf(owner)).total).toBe(1);
  });

  it("an update onto a patient who already has a Consent: refused, that patient still has one", async () => {
    const [a, b] = [nextPatient(), nextPatient()];
    const consentA = await create(consentFor(a));
    await create(consentFor(b));
    const reference = { reference: PDS + b };
    const answer = await update(consentA, { patient: reference, consentingParty: [reference] });
    expect(answer.status).toBe(422);
    expect((await historyOf(b)).total).toBe(1);
  });
});

describe("a store error", () => {
  it("is a Spine OperationOutcome (500, exception), never an empty 500, and the sandbox keeps serving", async () => {
    const path = sqlitePath();
    const sandbox = await startTestSandbox({ store: `sqlite:${path}` });
    try {
      // Break the store under the running sandbox, as a damaged or foreign file would.
      const other = openSqliteDatabase(path);
      other.exec("DROP TABLE versions");
      other.close();
      const answer = await send(sandbox, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
      });
      expectSpineOutcome(answer, 500, "exception", "INVALID_REQUEST_STATE");
      const metadata = await send(sandbox, "GET", "/metadata", { interaction: "capabilities" });
      expect(metadata.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
