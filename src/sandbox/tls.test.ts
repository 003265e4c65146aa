import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import { startTestSandbox } from "../testing/index.js";
import { DEFAULT_SETTINGS, generateTestPki, type RunningSandbox, type TestPki } from "./index.js";

let pki: TestPki;
let otherPki: TestPki;
let sandbox: RunningSandbox;

beforeAll(async () => {
  pki = generateTestPki();
  otherPki = generateTestPki();
  sandbox = await startTestSandbox({
    tls: { key: pki.serverKey, cert: pki.serverCert, clientCa: pki.caCert },
  });
});
afterAll(() => sandbox.close());

async function metadata(connect: { ca?: string; cert?: string; key?: string }) {
  const dispatcher = new Agent({ connect });
  try {
    const response = await request(`${sandbox.baseUrl}/metadata`, {
      dispatcher,
      headers: {
        Accept: "application/fhir+json",
        ...buildSpineHeaders(SANDBOX_IDENTITY, DEFAULT_SETTINGS.interactionIds.capabilities),
      },
    });
    return { status: response.statusCode, body: await response.body.text() };
  } finally {
    await dispatcher.close();
  }
}

describe("TLS and mutual TLS with a generated test CA", () => {
  it("serves HTTPS on loopback", () => {
    expect(sandbox.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/STU3$/);
  });

  it("answers a client with a certificate from the trusted CA", async () => {
    const answer = await metadata({ ca: pki.caCert, cert: pki.clientCert, key: pki.clientKey });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"fhirVersion":"3.0.1"');
  });

  it("refuses a client without a certificate: 403 ACCESS_DENIED_SSL", async () => {
    const answer = await metadata({ ca: pki.caCert });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("ACCESS_DENIED_SSL");
  });

  it("refuses a certificate from another CA: 403 ACCESS_DENIED_SSL", async () => {
    const answer = await metadata({
      ca: pki.caCert,
      cert: otherPki.clientCert,
      key: otherPki.clientKey,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("ACCESS_DENIED_SSL");
  });

  it("is refused by a client that verifies the server against another CA", async () => {
    await expect(
      metadata({ ca: otherPki.caCert, cert: pki.clientCert, key: pki.clientKey }),
    ).rejects.toThrow(/certificate|self.signed|verify/i);
  });
});
