import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { PRODUCTION_WRITE_CONFIRMATION, type RunConfig, resolveConfig } from "../config/index.js";
import { ProductionGuardError, TransportError } from "../errors/index.js";
import { generateTestPki } from "../sandbox/index.js";
import { startTestSandbox } from "../testing/index.js";
import { NdopClient } from "./index.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A loopback server that answers from a script, and remembers what it was sent. */
async function scriptedServer(
  answers: { status: number; headers?: Record<string, string> }[],
): Promise<{ baseUrl: string; received: IncomingMessage[] }> {
  const received: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    received.push(request);
    const answer = answers[Math.min(received.length - 1, answers.length - 1)] as {
      status: number;
      headers?: Record<string, string>;
    };
    request.resume();
    response
      .writeHead(answer.status, { "Content-Type": "application/fhir+json", ...answer.headers })
      .end('{"resourceType":"OperationOutcome"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/STU3`, received };
}

function configFor(baseUrl: string, env: Record<string, string> = {}): RunConfig {
  const { config } = resolveConfig({
    env: { NDOP_ENV: "custom", NDOP_BASE_URL: baseUrl, ...env },
    cwd: tmpdir(),
    flags: {},
    defaultFixturesDir: "fixtures",
  });
  return config;
}

function client(config: RunConfig): NdopClient {
  const created = new NdopClient(config);
  closers.push(() => created.close());
  return created;
}

describe("the NDOP client", () => {
  it("sends a fresh unsigned JWT and Ssp-* headers with every request", async () => {
    const server = await scriptedServer([{ status: 200 }]);
    const ndop = client(configFor(server.baseUrl));
    await ndop.send({ interaction: "capabilities", method: "GET", path: "/metadata" });
    await ndop.send({
      interaction: "history-instance",
      method: "GET",
      path: "/Consent/x/_history",
    });
    const [first, second] = server.received as [IncomingMessage, IncomingMessage];
    expect(first.headers["ssp-interactionid"]).toBe(
      "urn:nhs:names:services:nationaldataoptout:fhir:rest:read:metadata",
    );
    expect(second.headers["ssp-interactionid"]).toBe(
      "urn:nhs:names:services:nationaldataoptout:fhir:rest:history:consent",
    );
    expect(first.headers["ssp-traceid"]).not.toBe(second.headers["ssp-traceid"]);
    const token = String(first.headers.authorization).replace("Bearer ", "");
    expect(token.endsWith(".")).toBe(true);
    const { payload, header } = UnsecuredJWT.decode(token);
    expect(header).toEqual({ alg: "none" });
    expect(payload).toMatchObject({
      aud: "https://clinicals.spineservices.nhs.uk",
      requesting_system: "https://fhir.nhs.uk/Id/accredited-system|200000000001",
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
  });

  it("retries a GET answered 503, honouring Retry-After", async () => {
    const server = await scriptedServer([
      { status: 503, headers: { "Retry-After": "0" } },
      { status: 200 },
    ]);
    const answer = await client(configFor(server.baseUrl)).send({
      interaction: "capabilities",
      method: "GET",
      path: "/metadata",
    });
    expect(answer.status).toBe(200);
    expect(answer.exchange.attempts).toBe(2);
    expect(server.received).toHaveLength(2);
  });

  it("never retries a write answered 500 (it may have been stored); retries a 503 a bounded number of times", async () => {
    const failing = await scriptedServer([{ status: 500 }]);
    const once = await client(configFor(failing.baseUrl)).send({
      interaction: "create",
      method: "POST",
      path: "/Consent",
      body: "{}",
    });
    expect(once.status).toBe(500);
    expect(failing.received).toHaveLength(1);
    const busy = await scriptedServer([{ status: 503, headers: { "Retry-After": "0" } }]);
    const bounded = await client(configFor(busy.baseUrl, { NDOP_RETRIES: "2" })).send({
      interaction: "create",
      method: "POST",
      path: "/Consent",
      body: "{}",
    });
    expect(bounded.status).toBe(503);
    expect(busy.received).toHaveLength(3);
  });

  it("records each exchange with credentials redacted", async () => {
    const server = await scriptedServer([{ status: 200 }]);
    const ndop = client(configFor(server.baseUrl));
    await ndop.send({
      interaction: "create",
      method: "POST",
      path: "/Consent",
      body: '{"resourceType":"Consent"}',
    });
    const [exchange] = ndop.exchanges;
    expect(exchange).toMatchObject({
      method: "POST",
      url: `${server.baseUrl}/Consent`,
      status: 200,
      requestBody: '{"resourceType":"Consent"}',
    });
    expect(exchange?.requestHeaders.Authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(ndop.exchanges)).not.toMatch(/eyJ/);
  });

  it("removes a header on request (to test its absence) and sends none of the security headers when asked", async () => {
    const server = await scriptedServer([{ status: 200 }]);
    const ndop = client(configFor(server.baseUrl));
    await ndop.send({
      interaction: "capabilities",
      method: "GET",
      path: "/metadata",
      headers: { "Ssp-TraceID": null },
    });
    await ndop.send({
      interaction: "capabilities",
      method: "GET",
      path: "/metadata",
      withoutSecurityHeaders: true,
    });
    expect(server.received[0]?.headers["ssp-traceid"]).toBeUndefined();
    expect(server.received[0]?.headers.authorization).toBeDefined();
    expect(server.received[1]?.headers.authorization).toBeUndefined();
  });

  it("speaks each NDOP interaction by name: its method, path, interaction id, body and media types", async () => {
    const server = await scriptedServer([{ status: 200 }]);
    const ndop = client(configFor(server.baseUrl));
    const xml = { accept: "application/fhir+xml" };
    await ndop.capabilities(xml);
    await ndop.createConsent("<Consent/>", { ...xml, contentType: "application/fhir+xml" });
    await ndop.updateConsent("c 1", "{}", { headers: { "If-Match": 'W/"1"' } });
    await ndop.instanceHistory("c1");
    await ndop.patientHistory("9990000018");
    await ndop.vread("c1", "2");
    const base = new URL(server.baseUrl).pathname;
    expect(
      server.received.map((request) => [
        request.method,
        request.url?.slice(base.length),
        String(request.headers["ssp-interactionid"]).split(":rest:")[1],
        request.headers.accept,
        request.headers["content-type"],
        request.headers["if-match"],
      ]),
    ).toEqual([
      ["GET", "/metadata", "read:metadata", "application/fhir+xml", undefined, undefined],
      [
        "POST",
        "/Consent",
        "create:consent",
        "application/fhir+xml",
        "application/fhir+xml",
        undefined,
      ],
      [
        "PUT",
        "/Consent/c%201",
        "update:consent",
        "application/fhir+json",
        "application/fhir+json",
        'W/"1"',
      ],
      [
        "GET",
        "/Consent/c1/_history",
        "history:consent",
        "application/fhir+json",
        undefined,
        undefined,
      ],
      [
        "GET",
        "/Consent/_history?patient=https%3A%2F%2Fdemographics.spineservices.nhs.uk%2FSTU3%2FPatient%2F9990000018",
        "history:consent",
        "application/fhir+json",
        undefined,
        undefined,
      ],
      [
        "GET",
        "/Consent/c1/_history/2",
        "vread:consent",
        "application/fhir+json",
        undefined,
        undefined,
      ],
    ]);
    expect(ndop.exchanges.map((exchange) => exchange.requestBody)).toEqual([
      undefined,
      "<Consent/>",
      "{}",
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("throws a TransportError naming the URL when nothing answers", async () => {
    const ndop = client(configFor("http://127.0.0.1:9/STU3", { NDOP_RETRIES: "0" }));
    await expect(
      ndop.send({ interaction: "capabilities", method: "GET", path: "/metadata" }),
    ).rejects.toThrow(TransportError);
    await expect(
      ndop.send({ interaction: "capabilities", method: "GET", path: "/metadata" }),
    ).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:9\/STU3\/metadata got no answer: ECONNREFUSED/);
  });

  it("speaks mutual TLS with the configured certificate, key and CA", async () => {
    const pki = generateTestPki();
    const sandbox = await startTestSandbox({
      tls: { key: pki.serverKey, cert: pki.serverCert, clientCa: pki.caCert },
    });
    closers.push(() => sandbox.close());
    const folder = mkdtempSync(join(tmpdir(), "ndop-client-tls-"));
    for (const [name, pem] of Object.entries({
      "ca.pem": pki.caCert,
      "client.pem": pki.clientCert,
      "client.key": pki.clientKey,
    }))
      writeFileSync(join(folder, name), pem);
    const withCertificate = client(
      configFor(sandbox.baseUrl, {
        NDOP_CA_BUNDLE: join(folder, "ca.pem"),
        NDOP_CLIENT_CERT: join(folder, "client.pem"),
        NDOP_CLIENT_KEY: join(folder, "client.key"),
      }),
    );
    expect(
      (
        await withCertificate.send({
          interaction: "capabilities",
          method: "GET",
          path: "/metadata",
        })
      ).status,
    ).toBe(200);
    const withoutCertificate = client(
      configFor(sandbox.baseUrl, { NDOP_CA_BUNDLE: join(folder, "ca.pem") }),
    );
    expect(
      (
        await withoutCertificate.send({
          interaction: "capabilities",
          method: "GET",
          path: "/metadata",
        })
      ).status,
    ).toBe(403);
    const unverified = client(configFor(sandbox.baseUrl, { NDOP_RETRIES: "0" }));
    await expect(
      unverified.send({ interaction: "capabilities", method: "GET", path: "/metadata" }),
    ).rejects.toThrow(/certificate/i);
  });
});

describe("the Production guard in the client's one transport", () => {
  const sendingMethods = [
    "capabilities",
    "createConsent",
    "updateConsent",
    "instanceHistory",
    "patientHistory",
    "vread",
    "send",
    "relay",
  ];

  it("has no public way to send but the guarded ones (a new one must join this test)", () => {
    const methods = Object.getOwnPropertyNames(NdopClient.prototype).filter(
      (name) => name !== "constructor" && name !== "close",
    );
    const isPrivate = (name: string) =>
      ["exchange", "headersFor", "refreshed", "retryDelay", "record"].includes(name);
    expect(methods.filter((name) => !isPrivate(name))).toEqual(sendingMethods);
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"] as const)(
    "refuses a %s to prod by every sending path before anything is sent; reads still go",
    async (method) => {
      const server = await scriptedServer([{ status: 200 }]);
      const prod = client(configFor(server.baseUrl, { NDOP_ENV: "prod" }));
      const call = { interaction: "create", method, path: "/Consent", body: "{}" } as const;
      await expect(prod.send(call)).rejects.toThrow(ProductionGuardError);
      if (method === "POST")
        await expect(prod.createConsent("{}")).rejects.toThrow(ProductionGuardError);
      if (method === "PUT")
        await expect(prod.updateConsent("x", "{}")).rejects.toThrow(ProductionGuardError);
      await expect(
        prod.relay({ method, path: "/Consent", headers: {}, body: Buffer.from("{}") }),
      ).rejects.toMatchObject({ code: "PRODUCTION_WRITE_REFUSED" });
      expect(server.received).toEqual([]);
      await prod.send({ interaction: "capabilities", method: "GET", path: "/metadata" });
      await prod.relay({ method: "GET", path: "/metadata", headers: {} });
      expect(server.received.map((request) => request.method)).toEqual(["GET", "GET"]);
    },
  );

  it("sends the writes once the exact sentence is configured", async () => {
    const server = await scriptedServer([{ status: 201 }]);
    const prod = client(
      configFor(server.baseUrl, {
        NDOP_ENV: "prod",
        NDOP_ALLOW_PRODUCTION_WRITES: PRODUCTION_WRITE_CONFIRMATION,
      }),
    );
    await prod.send({ interaction: "create", method: "POST", path: "/Consent", body: "{}" });
    await prod.relay({ method: "DELETE", path: "/Consent/x", headers: {} });
    expect(server.received.map((request) => request.method)).toEqual(["POST", "DELETE"]);
  });

  it("relays a replayed request with fresh credentials and without hop-by-hop headers", async () => {
    const server = await scriptedServer([{ status: 200 }]);
    const ndop = client(configFor(server.baseUrl));
    await ndop.relay({
      method: "GET",
      path: "/metadata",
      headers: {
        authorization: "Bearer example",
        "ssp-traceid": "example",
        accept: "application/fhir+xml",
        connection: "keep-alive",
        host: "example.org",
      },
    });
    const headers = server.received[0]?.headers ?? {};
    expect(headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.$/);
    expect(headers["ssp-traceid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["ssp-from"]).toBeUndefined();
    expect(headers.accept).toBe("application/fhir+xml");
    expect(headers.host).toBe(new URL(server.baseUrl).host);
  });
});
