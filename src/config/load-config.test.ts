import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configFolder as folder, resolveSettings as resolve } from "../testing/config-folders.js";
import {
  DEFAULT_INTERACTION_IDS,
  PRODUCTION_WRITE_CONFIRMATION,
  redactHeaders,
  redactSecrets,
  redactUrlCredentials,
  resolveConfig,
  SETTINGS,
} from "./index.js";

describe("settings: environment < .env < .env.<environment> < flags", () => {
  it("defaults to the sandbox, both formats, 404 for an unknown id", () => {
    const { config, problems } = resolve({});
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      environment: "sandbox",
      formats: ["json", "xml"],
      expectUpdateUnknownId: 404,
      writesAllowed: true,
      retries: 2,
    });
  });

  it("lets each source override the one before it", () => {
    const files = {
      ".env": "NDOP_TIMEOUT_MS=2000\nNDOP_RETRIES=3\nNDOP_FORMAT=xml\n",
      ".env.custom": "NDOP_RETRIES=4\nNDOP_BASE_URL=http://127.0.0.1:9/STU3\n",
    };
    const { config, sources, problems } = resolve(
      { NDOP_TIMEOUT_MS: "1000", NDOP_ENV: "custom", NDOP_FORMAT: "json" },
      { NDOP_FORMAT: "both" },
      files,
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      timeoutMs: 2000,
      retries: 4,
      formats: ["json", "xml"],
      baseUrl: "http://127.0.0.1:9/STU3",
    });
    expect(sources).toMatchObject({
      NDOP_TIMEOUT_MS: ".env",
      NDOP_RETRIES: ".env.custom",
      NDOP_FORMAT: "command line",
      NDOP_ENV: "environment",
    });
  });

  it("builds Spine base URLs from the table and the base path", () => {
    const { config } = resolve({ NDOP_ENV: "int", NDOP_BASE_PATH: "/ndop/STU3" });
    expect(config.baseUrl).toBe("https://msg.int.spine2.ncrs.nhs.uk/ndop/STU3");
  });
});

describe("NDOP_INTERACTION_IDS: interactions as fixtures name them, the former names kept", () => {
  it("takes the FHIR names, and the former metadata, history and search with their old meaning", () => {
    const current = resolve({
      NDOP_INTERACTION_IDS: "capabilities=urn:a, history-type=urn:b, search-type=urn:c",
    });
    expect(current.problems).toEqual([]);
    expect(current.config.interactionIds).toEqual({
      capabilities: "urn:a",
      "history-type": "urn:b",
      "search-type": "urn:c",
    });
    const former = resolve({ NDOP_INTERACTION_IDS: "metadata=urn:a,history=urn:b,search=urn:c" });
    expect(former.problems).toEqual([]);
    expect(former.config.interactionIds).toEqual({
      capabilities: "urn:a",
      "history-instance": "urn:b",
      "history-type": "urn:b",
      "search-type": "urn:c",
    });
  });

  it("maps each name to the Spine id the former name had: both histories share history:consent", () => {
    const prefix = "urn:nhs:names:services:nationaldataoptout:fhir:rest";
    expect(DEFAULT_INTERACTION_IDS).toEqual({
      capabilities: `${prefix}:read:metadata`,
      create: `${prefix}:create:consent`,
      update: `${prefix}:update:consent`,
      vread: `${prefix}:vread:consent`,
      "history-instance": `${prefix}:history:consent`,
      "history-type": `${prefix}:history:consent`,
      "search-type": `${prefix}:search:consent`,
    });
  });

  it("refuses a name that is neither, in one sentence listing both", () => {
    expect(resolve({ NDOP_INTERACTION_IDS: "constructor=urn:a" }).problems).toEqual([
      'NDOP_INTERACTION_IDS entry "constructor=urn:a" is not interaction=id (capabilities, create, update, vread, history-instance, history-type, search-type; formerly metadata, history, search).',
    ]);
  });
});

describe("settings problems: one clear sentence each", () => {
  it("an unknown environment", () => {
    expect(resolve({ NDOP_ENV: "staging" }).problems).toEqual([
      'NDOP_ENV (--env) "staging" is not an environment: use sandbox, dev, int, dep, prod or custom.',
    ]);
  });

  it("a missing certificate file names the setting and the file", () => {
    const { problems } = resolve({
      NDOP_ENV: "custom",
      NDOP_BASE_URL: "https://127.0.0.1:1/STU3",
      NDOP_CLIENT_CERT: "/no/such/cert.pem",
      NDOP_CLIENT_KEY: "/no/such/key.pem",
    });
    expect(problems).toEqual([
      "NDOP_CLIENT_CERT names /no/such/cert.pem, which does not exist.",
      "NDOP_CLIENT_KEY names /no/such/key.pem, which does not exist.",
    ]);
  });

  it("everything a Spine environment needs, listed at once", () => {
    expect(resolve({ NDOP_ENV: "dep" }).problems).toHaveLength(4);
  });

  it("custom without a base URL, bad numbers, formats and booleans", () => {
    const { problems } = resolve({
      NDOP_ENV: "custom",
      NDOP_TIMEOUT_MS: "soon",
      NDOP_FORMAT: "yaml",
      NDOP_TLS_VERIFY: "maybe",
    });
    expect(problems).toEqual([
      "The custom environment needs a base URL: --base-url or NDOP_BASE_URL.",
      'NDOP_TLS_VERIFY "maybe" is not true or false.',
      'NDOP_TIMEOUT_MS "soon" is not a whole number of at least 1.',
      'NDOP_FORMAT (--format) "yaml" is not json, xml or both.',
    ]);
  });

  it("refuses to turn certificate checks off for a Spine environment", () => {
    expect(resolve({ NDOP_ENV: "int", NDOP_TLS_VERIFY: "false" }).problems).toContain(
      "NDOP_TLS_VERIFY=false is refused for int: certificate checks may be turned off for sandbox and custom targets only.",
    );
  });

  it("allows production writes only with the exact confirmation sentence", () => {
    expect(resolve({ NDOP_ENV: "prod" }).config.writesAllowed).toBe(false);
    expect(
      resolve({ NDOP_ENV: "prod", NDOP_ALLOW_PRODUCTION_WRITES: PRODUCTION_WRITE_CONFIRMATION })
        .config.writesAllowed,
    ).toBe(true);
    const wrong = resolve({ NDOP_ENV: "prod", NDOP_ALLOW_PRODUCTION_WRITES: "yes" });
    expect(wrong.config.writesAllowed).toBe(false);
    expect(wrong.problems).toContain(
      "NDOP_ALLOW_PRODUCTION_WRITES does not match the confirmation sentence in the README, so it is refused.",
    );
  });
});

describe("a base URL is never silently ignored", () => {
  it("means the custom environment when no environment is named (flag or setting)", () => {
    const byFlag = resolve({}, { NDOP_BASE_URL: "http://127.0.0.1:1/STU3" });
    expect(byFlag.problems).toEqual([]);
    expect(byFlag.config).toMatchObject({
      environment: "custom",
      baseUrl: "http://127.0.0.1:1/STU3",
    });
    expect(resolve({ NDOP_BASE_URL: "http://127.0.0.1:1/STU3" }).config.environment).toBe("custom");
  });

  it("is refused with the sandbox, which starts its own server", () => {
    expect(
      resolve({}, { NDOP_ENV: "sandbox", NDOP_BASE_URL: "http://127.0.0.1:1/STU3" }).problems,
    ).toEqual([
      "NDOP_BASE_URL (--base-url) cannot be used with the sandbox environment, which starts its own server: use --env custom, or drop the base URL.",
    ]);
  });
});

describe("settings a target would not use are refused, one sentence each", () => {
  it("sandbox-only settings elsewhere, TLS settings for the plain-HTTP sandbox, a base path beside a base URL, missing profiles", () => {
    const custom = { NDOP_ENV: "custom", NDOP_BASE_URL: "http://127.0.0.1:1/STU3" };
    expect(resolve({ ...custom, NDOP_SANDBOX_STORE: "memory" }).problems).toEqual([
      "NDOP_SANDBOX_STORE applies to the sandbox only.",
    ]);
    expect(resolve({ ...custom, NDOP_BASE_PATH: "/R4" }).problems).toEqual([
      "NDOP_BASE_PATH applies to the Spine hosts of the environment table only: with a base URL, put the path in the URL; the embedded sandbox always serves /STU3.",
    ]);
    expect(resolve({ NDOP_TLS_VERIFY: "false" }).problems).toEqual([
      "NDOP_TLS_VERIFY cannot be used with the embedded sandbox, which serves plain HTTP on loopback: use --env custom with a TLS sandbox.",
    ]);
    expect(resolve({ NDOP_PROFILES_DIR: "/nonexistent/profiles" }).problems).toEqual([
      "NDOP_PROFILES_DIR (--profiles-dir) names /nonexistent/profiles, which does not exist.",
    ]);
  });
});

describe("Production by host, whatever the environment is called", () => {
  const prodHost = "https://clinicals.spineservices.nhs.uk./STU3";

  it("allows writes to the Production host only with the exact sentence", () => {
    const custom = resolve({ NDOP_ENV: "custom", NDOP_BASE_URL: prodHost });
    expect(custom.config.writesAllowed).toBe(false);
    const confirmed = resolve({
      NDOP_ENV: "custom",
      NDOP_BASE_URL: prodHost,
      NDOP_ALLOW_PRODUCTION_WRITES: PRODUCTION_WRITE_CONFIRMATION,
    });
    expect(confirmed.config).toMatchObject({
      writesAllowed: true,
      productionWriteConfirmation: PRODUCTION_WRITE_CONFIRMATION,
    });
  });

  it("refuses NDOP_ALLOW_NON_SYNTHETIC for the Production host", () => {
    expect(
      resolve({ NDOP_ENV: "custom", NDOP_BASE_URL: prodHost, NDOP_ALLOW_NON_SYNTHETIC: "true" })
        .problems,
    ).toEqual([
      "NDOP_ALLOW_NON_SYNTHETIC is refused for Production (prod, or a Production host): only synthetic test patients are ever used there.",
    ]);
  });
});

describe("secrets never reach logs or reports", () => {
  it("redacts credentials in headers but keeps the scheme", () => {
    expect(
      redactHeaders({
        Authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        "Ssp-From": "200000000001",
      }),
    ).toEqual({
      Authorization: "Bearer [redacted]",
      "Ssp-From": "200000000001",
    });
  });

  it("never echoes a malformed proxy URL's password", () => {
    const { problems } = resolve({
      NDOP_HTTPS_PROXY: "http//proxyuser:hunter2@proxy.internal:8080",
    });
    expect(problems).toEqual([
      'NDOP_HTTPS_PROXY "http//proxyuser:[redacted]@proxy.internal:8080" is not a URL.',
    ]);
    expect(redactUrlCredentials("via https://u:p%40ss@host:1/ and u2:s3cret@h")).toBe(
      "via https://u:[redacted]@host:1/ and u2:[redacted]@h",
    );
  });

  it("redacts secret settings' values from any text", () => {
    expect(
      redactSecrets("passphrase hunter2 in a message", { NDOP_CLIENT_KEY_PASSPHRASE: "hunter2" }),
    ).toBe("passphrase [redacted] in a message");
  });
});

describe(".env.example", () => {
  it("lists every setting, and nothing else", () => {
    const example = readFileSync(
      fileURLToPath(new URL("../../.env.example", import.meta.url)),
      "utf8",
    );
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(SETTINGS).sort());
  });
});

describe("the run configuration, whole", () => {
  it("has these defaults for the sandbox, and no optional setting it was not given", () => {
    const cwd = folder();
    const given = { env: {}, cwd, flags: {}, defaultFixturesDir: "fixtures" };
    const { config, problems, sources } = resolveConfig(given);
    expect({ problems, sources }).toEqual({ problems: [], sources: {} });
    expect(config).toStrictEqual({
      environment: "sandbox",
      baseUrl: "",
      tls: { verify: true },
      timeoutMs: 10_000,
      retries: 2,
      identity: {
        clientAsid: "200000000001",
        providerAsid: "999999999999",
        issuer: "https://ndop-conformance.invalid",
        user: "https://fhir.nhs.uk/Id/sds-role-profile-id|ndop-conformance",
        audience: "https://clinicals.spineservices.nhs.uk",
        reasonForRequest: "directcare",
        scope: "patient/consent.read patient/consent.write",
      },
      interactionIds: {},
      patients: [],
      allowNonSynthetic: false,
      writesAllowed: true,
      formats: ["json", "xml"],
      suites: [],
      reportsDir: "reports",
      fixturesDir: join(cwd, "fixtures"),
      expectUpdateUnknownId: 404,
      sandbox: { faults: [], store: "memory" },
    });
  });

  it("takes every setting given", () => {
    const profilesDir = folder();
    const { config, problems } = resolve(
      {
        NDOP_TIMEOUT_MS: "1",
        NDOP_RETRIES: "0",
        NDOP_CLIENT_ASID: "200000000002",
        NDOP_PROVIDER_ASID: "999999999998",
        NDOP_JWT_ISSUER: "https://gp.example",
        NDOP_JWT_USER: "user-1",
        NDOP_JWT_AUDIENCE: "https://audience.example",
        NDOP_INTERACTION_IDS: "create=urn:create",
        NDOP_ALLOW_NON_SYNTHETIC: "yes",
        NDOP_FORMAT: "xml",
        NDOP_SUITES: "read, write",
        NDOP_REPORTS_DIR: "out",
        NDOP_FIXTURES_DIR: "/elsewhere/fixtures",
        NDOP_PROFILES_DIR: profilesDir,
        NDOP_EXPECT_UPDATE_UNKNOWN_ID: "405",
        NDOP_SANDBOX_FAULTS: "slow, drop",
        NDOP_SANDBOX_STORE: "sqlite:/tmp/ndop.db",
        NDOP_HTTPS_PROXY: "http://127.0.0.1:3128",
        NDOP_ALLOW_PRODUCTION_WRITES: PRODUCTION_WRITE_CONFIRMATION,
      },
      {},
    );
    expect(problems).toEqual([]);
    expect(config).toStrictEqual({
      environment: "sandbox",
      baseUrl: "",
      tls: { verify: true },
      proxy: "http://127.0.0.1:3128",
      timeoutMs: 1,
      retries: 0,
      identity: {
        clientAsid: "200000000002",
        providerAsid: "999999999998",
        issuer: "https://gp.example",
        user: "user-1",
        audience: "https://audience.example",
        reasonForRequest: "directcare",
        scope: "patient/consent.read patient/consent.write",
      },
      interactionIds: { create: "urn:create" },
      patients: [],
      allowNonSynthetic: true,
      productionWriteConfirmation: PRODUCTION_WRITE_CONFIRMATION,
      writesAllowed: true,
      formats: ["xml"],
      suites: ["read", "write"],
      reportsDir: "out",
      fixturesDir: "/elsewhere/fixtures",
      profilesDir,
      expectUpdateUnknownId: 405,
      sandbox: { faults: ["slow", "drop"], store: "sqlite:/tmp/ndop.db" },
    });
  });

  it("names each bad setting in its problem", () => {
    expect(
      resolve({
        NDOP_RETRIES: "-1",
        NDOP_ALLOW_NON_SYNTHETIC: "perhaps",
        NDOP_EXPECT_UPDATE_UNKNOWN_ID: "410",
      }).problems,
    ).toEqual([
      'NDOP_RETRIES "-1" is not a whole number of at least 0.',
      'NDOP_ALLOW_NON_SYNTHETIC "perhaps" is not true or false.',
      'NDOP_EXPECT_UPDATE_UNKNOWN_ID "410" is not 404 or 405.',
    ]);
  });
});

describe("test patients", () => {
  it("are required for a Spine environment", () => {
    expect(resolve({ NDOP_ENV: "int" }).problems).toContain(
      "NDOP_PATIENTS is required for int: list synthetic test patients (999 range) that exist there.",
    );
  });

  it("are taken as listed, for a Spine environment or a custom target", () => {
    const int = resolve({ NDOP_ENV: "int", NDOP_PATIENTS: "9990000018, 9990000026" });
    expect(int.config.patients).toEqual(["9990000018", "9990000026"]);
    expect(int.problems.filter((problem) => problem.includes("NDOP_PATIENTS"))).toEqual([]);
    const custom = resolve({ NDOP_BASE_URL: "http://127.0.0.1:1/STU3" });
    expect(custom).toMatchObject({ config: { patients: [] }, problems: [] });
  });

  it("may be non-synthetic outside Production, and are only refused when allowed there", () => {
    expect(resolve({ NDOP_ALLOW_NON_SYNTHETIC: "true" }).problems).toEqual([]);
    const prodHost = {
      NDOP_ENV: "custom",
      NDOP_BASE_URL: "https://clinicals.spineservices.nhs.uk",
    };
    expect(resolve(prodHost).problems).toEqual([]);
  });
});
