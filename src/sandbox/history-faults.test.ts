import { describe, expect, it } from "vitest";
import { type JsonObject, PDS_PATIENT_BASE } from "../fhir/index.js";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  nextPatient,
  proxyExtension,
  send,
  withProxy,
  withTestSandbox,
} from "../testing/index.js";
import type { FaultName, RunningSandbox } from "./index.js";

/** History and storage, in a conformant sandbox and in the fault modes that break them. */

const inSandbox = <T>(faults: FaultName[], body: (sandbox: RunningSandbox) => Promise<T>) =>
  withTestSandbox({ faults, security: "relaxed" }, body);

const create = (sandbox: RunningSandbox, consent: JsonObject) =>
  send(sandbox, "POST", "/Consent", { body: consent });

const patientHistory = (sandbox: RunningSandbox, patient: string, extra = "") =>
  send(sandbox, "GET", `/Consent/_history?patient=${PDS_PATIENT_BASE}${patient}${extra}`);

describe("instance history of an unknown id", () => {
  it("is 404 NO_RECORD_FOUND", async () => {
    const answer = await inSandbox([], (sandbox) =>
      send(sandbox, "GET", "/Consent/no-such-id/_history"),
    );
    expectSpineOutcome(answer, 404, "not-found", "NO_RECORD_FOUND");
    expect(diagnosticsOf(answer)).toBe("No Consent with id no-such-id.");
  });

  it("under history-unknown-id-empty: an empty history Bundle", async () => {
    const answer = await inSandbox(["history-unknown-id-empty"], (sandbox) =>
      send(sandbox, "GET", "/Consent/no-such-id/_history"),
    );
    expect([answer.status, answer.body.type, answer.body.total, answer.body.entry]).toEqual([
      200,
      "history",
      0,
      undefined,
    ]);
  });
});

describe("patient history", () => {
  it("lists the patient's Consents only; none for a patient with none", async () => {
    const [mine, other, none] = [nextPatient(), nextPatient(), nextPatient()];
    const totals = await inSandbox([], async (sandbox) => {
      await create(sandbox, consentFor(mine));
      await create(sandbox, consentFor(other));
      return [
        (await patientHistory(sandbox, mine)).body.total,
        (await patientHistory(sandbox, none)).body.total,
      ];
    });
    expect(totals).toEqual([1, 0]);
  });

  it("under patient-history-ignores-patient: every Consent once the patient has one", async () => {
    const [mine, other, none] = [nextPatient(), nextPatient(), nextPatient()];
    const totals = await inSandbox(["patient-history-ignores-patient"], async (sandbox) => {
      await create(sandbox, consentFor(mine));
      await create(sandbox, consentFor(other));
      return [
        (await patientHistory(sandbox, mine)).body.total,
        (await patientHistory(sandbox, none)).body.total,
      ];
    });
    expect(totals).toEqual([2, 0]);
  });

  it("refuses a parameter it does not take, its name cut to 60 characters", async () => {
    const name = "p".repeat(100);
    const answer = await inSandbox([], (sandbox) =>
      patientHistory(sandbox, nextPatient(), `&${name}=1`),
    );
    expectSpineOutcome(answer, 400, "not-supported", "INVALID_PARAMETER");
    expect(diagnosticsOf(answer)).toBe(`Parameter ${name.slice(0, 60)} is not supported here.`);
  });

  it("under history-ignores-unknown-parameters: the parameter is ignored", async () => {
    const answer = await inSandbox(["history-ignores-unknown-parameters"], (sandbox) =>
      patientHistory(sandbox, nextPatient(), "&unknown=1"),
    );
    expect([answer.status, answer.body.total]).toEqual([200, 0]);
  });

  it("refuses a patient that is not a PDS reference", async () => {
    const patient = "https://example.org/Patient/9990000077";
    const answer = await inSandbox([], (sandbox) =>
      send(sandbox, "GET", `/Consent/_history?patient=${patient}`),
    );
    expectSpineOutcome(answer, 400, "invalid", "INVALID_PARAMETER");
    expect(diagnosticsOf(answer)).toBe(
      `patient must be ${PDS_PATIENT_BASE}<valid NHS number>, not ${patient}.`,
    );
  });
});

describe("what is stored", () => {
  /** A proxy's Consent whose proxy extension carries the NIC sub-extension. */
  function proxyConsentWithNic(): JsonObject {
    const proxy = proxyExtension();
    const nic = { url: "NIC", valueString: "NIC-000123" };
    const withNic = { ...proxy, extension: [...(proxy.extension as JsonObject[]), nic] };
    // A proxy's Consent has no consentingParty (consenter xor proxy).
    const { consentingParty: _, ...consent } = withProxy(consentFor());
    const extensions = (consent.extension as JsonObject[]).map((extension) =>
      extension.url === proxy.url ? withNic : extension,
    );
    return { ...consent, extension: extensions };
  }

  /** The sub-extension urls of the stored proxy extension. */
  const storedProxyParts = (faults: FaultName[]) =>
    inSandbox(faults, async (sandbox) => {
      const created = await create(sandbox, proxyConsentWithNic());
      expect(created.status, created.text.slice(0, 400)).toBe(201);
      const proxy = (created.body.extension as JsonObject[]).find((extension) =>
        Array.isArray(extension.extension),
      );
      return ((proxy?.extension ?? []) as JsonObject[]).map((part) => part.url);
    });

  it("is the Consent as sent, the proxy's NIC included", async () => {
    expect(await storedProxyParts([])).toEqual(["role", "NIC"]);
  });

  it("under store-drops-nic: the NIC sub-extension is dropped, the role kept", async () => {
    expect(await storedProxyParts(["store-drops-nic"])).toEqual(["role"]);
  });
});
