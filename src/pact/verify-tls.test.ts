import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  generatePactFile,
  runBuiltCliAsync,
  type SandboxProcess,
  spawnSandbox,
  startRecordingBroker,
} from "../testing/index.js";

const folder = mkdtempSync(join(tmpdir(), "ndop-pact-tls-"));
const pactsDir = join(folder, "pacts");
const pactFile = join(pactsDir, "ndop-conformance-client-ndop-fhir-api.json");
const certs = join(folder, "certs");
let sandbox: SandboxProcess;
let interactions: number;

beforeAll(async () => {
  const generated = generatePactFile(pactsDir, { NDOP_REPORTS_DIR: folder });
  expect(generated.status, generated.stderr).toBe(0);
  interactions = JSON.parse(readFileSync(pactFile, "utf8")).interactions.length;
  sandbox = await spawnSandbox(["--tls-generate", certs]);
});
afterAll(async () => {
  sandbox.child.kill();
  await sandbox.exited;
});

describe("pact verify over HTTPS with mutual TLS (sandbox --tls-generate)", () => {
  const verify = (env: NodeJS.ProcessEnv) =>
    runBuiltCliAsync(
      [
        "pact",
        "verify",
        "--base-url",
        sandbox.baseUrl,
        "--pact",
        pactFile,
        "--reports-dir",
        folder,
      ],
      env,
    );

  it("honours NDOP_CA_BUNDLE and the client certificate and key: every interaction verified", async () => {
    const run = await verify({
      NDOP_CA_BUNDLE: join(certs, "ca.pem"),
      NDOP_CLIENT_CERT: join(certs, "client-cert.pem"),
      NDOP_CLIENT_KEY: join(certs, "client-key.pem"),
    });
    expect(run.status, run.stdout.slice(-2000) + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `Pact verification against custom: ${interactions} passed, 0 failed, 0 skipped`,
    );
  });

  it("without the CA bundle, stops in one line (exit 2): no stack trace, no hang", async () => {
    const run = await verify({
      NDOP_CLIENT_CERT: join(certs, "client-cert.pem"),
      NDOP_CLIENT_KEY: join(certs, "client-key.pem"),
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd()).toBe(
      `ndop-conformance: Cannot reach custom at ${sandbox.baseUrl}: SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate in certificate chain`,
    );
  });

  it("without the client certificate, the server refuses it and verification stops in one line (exit 2)", async () => {
    const run = await verify({ NDOP_CA_BUNDLE: join(certs, "ca.pem") });
    // /metadata is answered 403 without a client certificate: not a CapabilityStatement.
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd()).toBe(
      `ndop-conformance: ${sandbox.baseUrl} is not an NDOP FHIR endpoint: its /metadata answered HTTP 403 (application/fhir+json; charset=utf-8), not a CapabilityStatement.`,
    );
  });
});

describe("broker replies never leak a credential", () => {
  it("publish and can-i-deploy redact a token the broker echoes", async () => {
    const token = "s3cr3t-broker-token-4242";
    const broker = await startRecordingBroker(
      pactFile,
      { consumer: "ndop-conformance-client", provider: "ndop-fhir-api" },
      { echoCredentials: true },
    );
    try {
      const env = {
        PACT_BROKER_BASE_URL: broker.url,
        PACT_BROKER_TOKEN: token,
        NDOP_PACT_VERSION: "1.2.3",
        NDOP_PACT_BRANCH: "main",
      };
      const published = await runBuiltCliAsync(["pact", "publish", "--pacts", pactsDir], env);
      const deploy = await runBuiltCliAsync(
        ["pact", "can-i-deploy", "--to-environment", "production"],
        env,
      );
      for (const run of [published, deploy]) {
        expect(run.status, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toContain("you sent Authorization: Bearer [redacted]");
        expect(run.stdout + run.stderr).not.toContain(token);
      }
    } finally {
      await broker.close();
    }
  });
});

describe("pact verify --pact with a broker configured", () => {
  it("says the results were not published, and publishes nothing", async () => {
    const broker = await startRecordingBroker(pactFile, {
      consumer: "ndop-conformance-client",
      provider: "ndop-fhir-api",
    });
    try {
      const run = await runBuiltCliAsync(
        ["pact", "verify", "--pact", pactFile, "--reports-dir", folder],
        { PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: "t" },
      );
      expect(run.status, run.stdout.slice(-1500)).toBe(0);
      expect(run.stdout).toContain(
        "Verification results were not published: the broker receives them only for pacts fetched from it (no --pact).",
      );
      expect(broker.requests).toEqual([]);
    } finally {
      await broker.close();
    }
  });
});
