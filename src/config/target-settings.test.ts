import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFolder, resolveSettings as resolve } from "../testing/config-folders.js";

/** Everything a Spine environment needs, so that only the setting under test can add a problem. */
const spineReady = (env: string) => {
  const folder = configFolder({ "client.pem": "certificate", "client.key": "key" });
  return {
    NDOP_ENV: env,
    NDOP_CLIENT_CERT: join(folder, "client.pem"),
    NDOP_CLIENT_KEY: join(folder, "client.key"),
    NDOP_CLIENT_ASID: "200000000001",
    NDOP_PROVIDER_ASID: "999999999999",
    NDOP_PATIENTS: "9990000018",
  };
};
const custom = { NDOP_ENV: "custom", NDOP_BASE_URL: "http://127.0.0.1:1/STU3" };

describe("the base URL", () => {
  it("is a Spine host and /STU3 when no base path is given", () => {
    expect(resolve(spineReady("dev"))).toMatchObject({
      config: { baseUrl: "https://msg.dev.spine2.ncrs.nhs.uk/STU3" },
      problems: [],
    });
  });

  it("adds the missing leading slash to a base path, and drops trailing ones", () => {
    const { config, problems } = resolve({ ...spineReady("dep"), NDOP_BASE_PATH: "ndop/STU3//" });
    expect(problems).toEqual([]);
    expect(config.baseUrl).toBe("https://msg.dep.spine2.ncrs.nhs.uk/ndop/STU3");
  });

  it("is the given URL without its trailing slashes", () => {
    expect(resolve({ ...custom, NDOP_BASE_URL: "http://127.0.0.1:1/STU3//" })).toMatchObject({
      config: { baseUrl: "http://127.0.0.1:1/STU3" },
      problems: [],
    });
  });

  it("is empty for the sandbox until it listens", () => {
    expect(resolve({}).config.baseUrl).toBe("");
  });

  it("refuses a given URL that is not http(s)", () => {
    expect(resolve({ ...custom, NDOP_BASE_URL: "ftp://127.0.0.1/STU3" }).problems).toEqual([
      'NDOP_BASE_URL (--base-url) "ftp://127.0.0.1/STU3" is not an http(s) URL.',
    ]);
  });
});

describe("settings this target would not use are refused", () => {
  it("refuses each sandbox-only setting elsewhere", () => {
    expect(
      resolve({ ...custom, NDOP_SANDBOX_FAULTS: "slow", NDOP_SANDBOX_STORE: "memory" }).problems,
    ).toEqual([
      "NDOP_SANDBOX_FAULTS applies to the sandbox only.",
      "NDOP_SANDBOX_STORE applies to the sandbox only.",
    ]);
  });

  it("names every TLS setting given for the plain-HTTP sandbox in one sentence, the passphrase too", () => {
    const tls = spineReady("sandbox");
    const { problems } = resolve({
      NDOP_CLIENT_CERT: tls.NDOP_CLIENT_CERT,
      NDOP_CLIENT_KEY: tls.NDOP_CLIENT_KEY,
      NDOP_CLIENT_KEY_PASSPHRASE: "hunter2",
      NDOP_CA_BUNDLE: tls.NDOP_CLIENT_CERT,
      NDOP_TLS_VERIFY: "true",
    });
    expect(problems).toEqual([
      "NDOP_CLIENT_CERT, NDOP_CLIENT_KEY, NDOP_CLIENT_KEY_PASSPHRASE, NDOP_CA_BUNDLE, NDOP_TLS_VERIFY cannot be used with the embedded sandbox, which serves plain HTTP on loopback: use --env custom with a TLS sandbox.",
    ]);
  });

  it("refuses a base path for the sandbox, which always serves /STU3, but takes it for a Spine host", () => {
    expect(resolve({ NDOP_BASE_PATH: "/R4" }).problems).toEqual([
      "NDOP_BASE_PATH applies to the Spine hosts of the environment table only: with a base URL, put the path in the URL; the embedded sandbox always serves /STU3.",
    ]);
    expect(resolve({ ...spineReady("int"), NDOP_BASE_PATH: "/R4" }).problems).toEqual([]);
  });
});
