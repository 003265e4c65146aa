import { describe, expect, it } from "vitest";
import { type JsonObject, PDS_PATIENT_BASE } from "../fhir/index.js";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  nextPatient,
  send,
  withTestSandbox,
} from "../testing/index.js";
import type { FaultName, RunningSandbox } from "./index.js";

/** The answers of an update (PUT) that cannot be stored as asked. */

const inSandbox = <T>(faults: FaultName[], body: (sandbox: RunningSandbox) => Promise<T>) =>
  withTestSandbox({ faults, security: "relaxed" }, body);

const create = async (sandbox: RunningSandbox, consent: JsonObject) =>
  (await send(sandbox, "POST", "/Consent", { body: consent })).body;

const put = (sandbox: RunningSandbox, id: string, body: JsonObject | string) =>
  send(sandbox, "PUT", `/Consent/${id}`, { body });

const ANOTHER_POLICY = [
  { uri: "https://example.org/another-policy", authority: "https://www.gov.uk/" },
];

describe("an update", () => {
  it("with an unreadable body to an existing id: 400, the body named, not the id", async () => {
    const answer = await inSandbox([], async (sandbox) => {
      const stored = await create(sandbox, consentFor());
      return put(sandbox, String(stored.id), "{not json");
    });
    expectSpineOutcome(answer, 400, "structure", "MESSAGE_NOT_WELL_FORMED");
    expect(String(diagnosticsOf(answer))).toMatch(/^The body is not a FHIR JSON resource: /);
  });

  it("onto the policy of the patient's other Consent: 422, naming that Consent", async () => {
    const patient = nextPatient();
    const [answer, firstId] = await inSandbox([], async (sandbox) => {
      const first = await create(sandbox, consentFor(patient));
      const second = await create(sandbox, consentFor(patient, { policy: ANOTHER_POLICY }));
      return [await put(sandbox, String(second.id), { ...second, policy: first.policy }), first.id];
    });
    expectSpineOutcome(answer, 422, "duplicate", "DUPLICATE_REJECTED");
    expect(diagnosticsOf(answer)).toBe(
      `Patient ${PDS_PATIENT_BASE}${patient} already has a Consent for this policy and purpose (${String(firstId)}); update that one instead.`,
    );
  });
});

describe("an update of an unknown id under update-unknown-creates", () => {
  it("creates the Consent: 201", async () => {
    const answer = await inSandbox(["update-unknown-creates"], (sandbox) =>
      put(sandbox, "made-by-put", { ...consentFor(), id: "made-by-put" }),
    );
    expect([answer.status, answer.body.id]).toEqual([201, "made-by-put"]);
  });

  it("still 404 when the patient already has that Consent (the create is refused)", async () => {
    const patient = nextPatient();
    const answer = await inSandbox(["update-unknown-creates"], async (sandbox) => {
      await create(sandbox, consentFor(patient));
      return put(sandbox, "made-by-put", { ...consentFor(patient), id: "made-by-put" });
    });
    expectSpineOutcome(answer, 404, "not-found", "NO_RECORD_FOUND");
    expect(diagnosticsOf(answer)).toBe("No Consent with id made-by-put.");
  });
});
