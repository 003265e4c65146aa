import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFolder, resolveSettings as resolve } from "../testing/config-folders.js";

const folder = configFolder({ "client.pem": "certificate", "client.key": "key", "ca.pem": "ca" });
const cert = join(folder, "client.pem");
const key = join(folder, "client.key");
const ca = join(folder, "ca.pem");
const custom = { NDOP_ENV: "custom", NDOP_BASE_URL: "https://127.0.0.1:1/STU3" };

describe("TLS settings", () => {
  it("keeps the certificate, key, passphrase and CA bundle given", () => {
    const { config, problems } = resolve({
      ...custom,
      NDOP_CLIENT_CERT: cert,
      NDOP_CLIENT_KEY: key,
      NDOP_CLIENT_KEY_PASSPHRASE: "hunter2",
      NDOP_CA_BUNDLE: ca,
    });
    expect(problems).toEqual([]);
    expect(config.tls).toStrictEqual({ cert, key, passphrase: "hunter2", ca, verify: true });
  });

  it("has no passphrase when none is given", () => {
    const { config } = resolve({ ...custom, NDOP_CLIENT_CERT: cert, NDOP_CLIENT_KEY: key });
    expect(config.tls).toStrictEqual({ cert, key, verify: true });
  });

  it.each([
    ["a certificate", { NDOP_CLIENT_CERT: cert }],
    ["a key", { NDOP_CLIENT_KEY: key }],
  ])("refuses %s without the other", (_label, given) => {
    expect(resolve({ ...custom, ...given }).problems).toEqual([
      "NDOP_CLIENT_CERT and NDOP_CLIENT_KEY go together: set both for mutual TLS, or neither.",
    ]);
  });

  it("lets certificate checks be turned off for a custom target", () => {
    const { config, problems } = resolve({ ...custom, NDOP_TLS_VERIFY: "false" });
    expect(problems).toEqual([]);
    expect(config.tls).toStrictEqual({ verify: false });
  });
});

describe("a Spine environment needs a client certificate and both ASIDs", () => {
  it.each(["dev", "prod"])("%s lists each one missing, one sentence each", (env) => {
    expect(resolve({ NDOP_ENV: env, NDOP_PATIENTS: "9990000018" }).problems).toEqual([
      `${env} needs mutual TLS: set NDOP_CLIENT_CERT and NDOP_CLIENT_KEY to your Spine client certificate and key.`,
      `NDOP_CLIENT_ASID is required for ${env}: the client system's ASID (Ssp-From, JWT requesting_system).`,
      `NDOP_PROVIDER_ASID is required for ${env}: the NDOP service's ASID (Ssp-To).`,
    ]);
  });

  it("has nothing to say when they are all given", () => {
    const { problems } = resolve({
      NDOP_ENV: "prod",
      NDOP_PATIENTS: "9990000018",
      NDOP_CLIENT_CERT: cert,
      NDOP_CLIENT_KEY: key,
      NDOP_CLIENT_ASID: "200000000001",
      NDOP_PROVIDER_ASID: "999999999999",
    });
    expect(problems).toEqual([]);
  });

  it("is not asked of a custom target", () => {
    expect(resolve(custom).problems).toEqual([]);
  });
});
