import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  send,
  startTestSandbox,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

/** How the Consent of a create is judged: which issues refuse it, and with which Spine code. */

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ security: "relaxed" });
});
afterAll(() => sandbox.close());

const create = (consent: JsonObject) => send(sandbox, "POST", "/Consent", { body: consent });

/** A Consent whose purpose coding has `changes`. */
function withPurpose(changes: JsonObject): JsonObject {
  const consent = consentFor();
  const [purpose] = consent.purpose as JsonObject[];
  return { ...consent, purpose: [{ ...purpose, ...changes }] };
}

describe("the Consent of a create", () => {
  it("is accepted with only a warning (a second, unknown profile in meta.profile)", async () => {
    const consent = consentFor();
    const profiles = [...((consent.meta as JsonObject).profile as string[])];
    const meta = { profile: [...profiles, "https://example.org/StructureDefinition/Other"] };
    const created = await create({ ...consent, meta });
    expect(created.status, created.text.slice(0, 300)).toBe(201);
  });

  it("with a fixed code changed: 422 INVALID_VALUE, naming the element", async () => {
    const answer = await create(withPurpose({ code: "1234" }));
    expectSpineOutcome(answer, 422, "value", "INVALID_VALUE");
    expect(diagnosticsOf(answer)).toBe(
      'Consent.purpose[0].code: Consent.purpose[0].code must be "370856009" (fixed by NDOP-Consent-1), not "1234".',
    );
  });

  it("with a fixed system changed: 422 INVALID_CODE_SYSTEM", async () => {
    const answer = await create(withPurpose({ system: "http://example.org/sct" }));
    expectSpineOutcome(answer, 422, "value", "INVALID_CODE_SYSTEM");
  });

  it("with two errors: the first named, the other counted and located", async () => {
    const answer = await create(withPurpose({ code: "1234", display: "x" }));
    expect(String(diagnosticsOf(answer))).toMatch(
      /^Consent\.purpose\[0\]\.code: .* \(and 1 more: Consent\.purpose\[0\]\.display\)$/,
    );
  });

  it("with an error no Spine code is more precise for (a bad id format): 422 INVALID_RESOURCE", async () => {
    const body = JSON.stringify({ ...consentFor(), id: "bad id!" });
    const answer = await send(sandbox, "POST", "/Consent", { body });
    expectSpineOutcome(answer, 422, "invalid", "INVALID_RESOURCE");
    expect(String(diagnosticsOf(answer))).toMatch(/^Consent\.id: /);
  });

  it("read as JSON but not as a resource (resourceType in the wrong case): 400", async () => {
    const body = JSON.stringify(consentFor()).replace('"Consent"', '"consent"');
    const answer = await send(sandbox, "POST", "/Consent", { body });
    expectSpineOutcome(answer, 400, "structure", "MESSAGE_NOT_WELL_FORMED");
    expect(String(diagnosticsOf(answer))).toMatch(/^The body is not a FHIR JSON resource: \S/);
  });
});
