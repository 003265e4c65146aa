import { request } from "undici";
import { describe, expect, it } from "vitest";
import { PDS_PATIENT_BASE } from "../fhir/index.js";
import { consentFor, nextPatient, send, startTestSandbox } from "../testing/index.js";

/** What RunningSandbox offers beside HTTP: start-up failure, reset, seed and close. */

const historyTotal = async (sandbox: Awaited<ReturnType<typeof startTestSandbox>>, nhs: string) =>
  (
    await send(sandbox, "GET", `/Consent/_history?patient=${PDS_PATIENT_BASE}${nhs}`, {
      interaction: "history-type",
    })
  ).body.total;

describe("a running sandbox", () => {
  it("fails to start, rather than hang, on a port already taken", async () => {
    const first = await startTestSandbox();
    try {
      await expect(startTestSandbox({ port: first.port })).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await first.close();
    }
  });

  it("seeds a Consent as given, refuses a second for the same preference (409), and resets", async () => {
    const sandbox = await startTestSandbox();
    const patient = nextPatient();
    try {
      const seeded = sandbox.seed({ ...consentFor(patient), id: "seeded-one" });
      expect([seeded.id, seeded.method]).toEqual(["seeded-one", "POST"]);
      expect(await historyTotal(sandbox, patient)).toBe(1);
      expect(() => sandbox.seed(consentFor(patient))).toThrow(
        expect.objectContaining({
          code: "USAGE",
          context: { status: 409, spineCode: "DUPLICATE_REJECTED" },
        }),
      );
      sandbox.reset();
      expect(await historyTotal(sandbox, patient)).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it("brackets an IPv6 loopback host in its base URL", async () => {
    const sandbox = await startTestSandbox({ host: "::1" });
    try {
      expect(sandbox.baseUrl).toBe(`http://[::1]:${sandbox.port}/STU3`);
      expect((await send(sandbox, "GET", "/metadata")).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it("stops listening once closed", async () => {
    const sandbox = await startTestSandbox();
    await sandbox.close();
    await expect(request(`${sandbox.baseUrl}/metadata`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });
});
