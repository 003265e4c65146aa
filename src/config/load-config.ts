import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { isProductionTarget, mayWrite, writesConfirmed } from "../safety/index.js";
import { ENVIRONMENTS, type EnvironmentName, isEnvironmentName } from "./environments.js";
import { redactUrlCredentials } from "./redact.js";
import { SETTINGS, type SettingName } from "./settings.js";
import type { Interaction, SpineIdentity } from "./spine.js";

export type Format = "json" | "xml";

/** Everything a run needs, resolved and checked. Serialisable: it is handed to the suite workers. */
export interface RunConfig {
  environment: EnvironmentName;
  /** FHIR base URL; for the sandbox, filled in once it is listening. */
  baseUrl: string;
  tls: { cert?: string; key?: string; passphrase?: string; ca?: string; verify: boolean };
  proxy?: string;
  timeoutMs: number;
  retries: number;
  identity: SpineIdentity;
  interactionIds: Partial<Record<Interaction, string>>;
  /** Test patients; empty for the sandbox, which draws fresh synthetic ones. */
  patients: string[];
  allowNonSynthetic: boolean;
  /** NDOP_ALLOW_PRODUCTION_WRITES as given; the Production guard (src/safety) compares it itself. */
  productionWriteConfirmation?: string;
  /** Cases that write may run: always outside Production (src/safety); there only when confirmed. */
  writesAllowed: boolean;
  formats: Format[];
  suites: string[];
  reportsDir: string;
  /** Absolute path of the fixtures folder (suites, templates). */
  fixturesDir: string;
  profilesDir?: string;
  expectUpdateUnknownId: 404 | 405;
  sandbox: { faults: string[]; store: string };
}

export interface ConfigSources {
  /** The project's own fixtures folder, used unless NDOP_FIXTURES_DIR names another. */
  defaultFixturesDir: string;
  /** Process environment (lowest precedence). */
  env: Record<string, string | undefined>;
  /** Folder holding .env and .env.<environment>. */
  cwd: string;
  /** CLI flags by setting name (highest precedence). */
  flags: Partial<Record<SettingName, string>>;
}

export interface ResolvedConfig {
  config: RunConfig;
  problems: string[];
  /** Where each setting's value came from, for a run's header. */
  sources: Partial<Record<SettingName, string>>;
}

/**
 * Settings from the environment, then `.env`, then `.env.<environment>`, then CLI flags, each
 * overriding the one before. Every problem is collected, one sentence each, before anything runs.
 */
export function resolveConfig({
  env,
  cwd,
  flags,
  defaultFixturesDir,
}: ConfigSources): ResolvedConfig {
  const problems: string[] = [];
  const sources: Partial<Record<SettingName, string>> = {};
  const values: Partial<Record<SettingName, string>> = {};
  const layer = (from: Record<string, string | undefined>, label: string) => {
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const value = from[name];
      if (value !== undefined && value !== "") {
        values[name] = value;
        sources[name] = label;
      }
    }
  };
  layer(env, "environment");
  layer(readDotenv(join(cwd, ".env"), problems), ".env");
  // A base URL with no environment named means that URL (custom), never the embedded sandbox.
  const environment =
    flags.NDOP_ENV ??
    values.NDOP_ENV ??
    (flags.NDOP_BASE_URL !== undefined || values.NDOP_BASE_URL !== undefined
      ? "custom"
      : "sandbox");
  if (isEnvironmentName(environment))
    layer(readDotenv(join(cwd, `.env.${environment}`), problems), `.env.${environment}`);
  layer(flags, "command line");

  const setting = (name: SettingName) => values[name];
  if (!isEnvironmentName(environment)) {
    problems.push(
      `NDOP_ENV (--env) "${environment}" is not an environment: use sandbox, dev, int, dep, prod or custom.`,
    );
  }
  const name: EnvironmentName = isEnvironmentName(environment) ? environment : "sandbox";
  const target = ENVIRONMENTS[name];
  const baseUrl = resolveBaseUrl(
    name,
    setting("NDOP_BASE_URL"),
    setting("NDOP_BASE_PATH") ?? "/STU3",
    target.host,
    problems,
  );

  const tls = {
    ...fileSetting("NDOP_CLIENT_CERT", setting("NDOP_CLIENT_CERT"), "cert", problems),
    ...fileSetting("NDOP_CLIENT_KEY", setting("NDOP_CLIENT_KEY"), "key", problems),
    ...fileSetting("NDOP_CA_BUNDLE", setting("NDOP_CA_BUNDLE"), "ca", problems),
    verify: booleanSetting("NDOP_TLS_VERIFY", setting("NDOP_TLS_VERIFY"), true, problems),
  } as RunConfig["tls"];
  const passphrase = setting("NDOP_CLIENT_KEY_PASSPHRASE");
  if (passphrase !== undefined) tls.passphrase = passphrase;
  if (Boolean(tls.cert) !== Boolean(tls.key))
    problems.push(
      "NDOP_CLIENT_CERT and NDOP_CLIENT_KEY go together: set both for mutual TLS, or neither.",
    );
  if (!tls.verify && name !== "sandbox" && name !== "custom") {
    problems.push(
      `NDOP_TLS_VERIFY=false is refused for ${name}: certificate checks may be turned off for sandbox and custom targets only.`,
    );
  }
  if (target.network === "HSCN" || target.network === "internet") {
    if (!tls.cert)
      problems.push(
        `${name} needs mutual TLS: set NDOP_CLIENT_CERT and NDOP_CLIENT_KEY to your Spine client certificate and key.`,
      );
    for (const required of ["NDOP_CLIENT_ASID", "NDOP_PROVIDER_ASID"] as const) {
      if (!setting(required))
        problems.push(`${required} is required for ${name}: ${SETTINGS[required].description}.`);
    }
  }

  const proxy = setting("NDOP_HTTPS_PROXY");
  if (proxy !== undefined && !isUrl(proxy))
    problems.push(`NDOP_HTTPS_PROXY "${redactUrlCredentials(proxy)}" is not a URL.`);
  const confirmation = setting("NDOP_ALLOW_PRODUCTION_WRITES");
  if (confirmation !== undefined && !writesConfirmed(confirmation)) {
    problems.push(
      "NDOP_ALLOW_PRODUCTION_WRITES does not match the confirmation sentence in the README, so it is refused.",
    );
  }
  const patients = listSetting(setting("NDOP_PATIENTS"));
  // Spine environments need patients that exist there; a custom target gets generated synthetic ones.
  if (target.host !== undefined && patients.length === 0) {
    problems.push(
      `NDOP_PATIENTS is required for ${name}: list synthetic test patients (999 range) that exist there.`,
    );
  }
  const faults = listSetting(setting("NDOP_SANDBOX_FAULTS"));
  problems.push(...ignoredSettings(name, setting));

  const config: RunConfig = {
    environment: name,
    baseUrl,
    tls,
    timeoutMs: numberSetting("NDOP_TIMEOUT_MS", setting("NDOP_TIMEOUT_MS"), 10_000, 1, problems),
    retries: numberSetting("NDOP_RETRIES", setting("NDOP_RETRIES"), 2, 0, problems),
    identity: {
      clientAsid: setting("NDOP_CLIENT_ASID") ?? "200000000001",
      providerAsid: setting("NDOP_PROVIDER_ASID") ?? "999999999999",
      issuer: setting("NDOP_JWT_ISSUER") ?? "https://ndop-conformance.invalid",
      user:
        setting("NDOP_JWT_USER") ?? "https://fhir.nhs.uk/Id/sds-role-profile-id|ndop-conformance",
      audience: setting("NDOP_JWT_AUDIENCE") ?? "https://clinicals.spineservices.nhs.uk",
      reasonForRequest: "directcare",
      scope: "patient/consent.read patient/consent.write",
    },
    interactionIds: interactionIds(setting("NDOP_INTERACTION_IDS"), problems),
    patients,
    allowNonSynthetic: booleanSetting(
      "NDOP_ALLOW_NON_SYNTHETIC",
      setting("NDOP_ALLOW_NON_SYNTHETIC"),
      false,
      problems,
    ),
    writesAllowed: mayWrite(
      { environment: name, productionWriteConfirmation: confirmation },
      baseUrl,
    ),
    formats: formatsOf(setting("NDOP_FORMAT") ?? "both", problems),
    suites: listSetting(setting("NDOP_SUITES")),
    reportsDir: setting("NDOP_REPORTS_DIR") ?? "reports",
    fixturesDir: resolve(cwd, setting("NDOP_FIXTURES_DIR") ?? defaultFixturesDir),
    expectUpdateUnknownId: updateUnknownId(setting("NDOP_EXPECT_UPDATE_UNKNOWN_ID"), problems),
    sandbox: { faults, store: setting("NDOP_SANDBOX_STORE") ?? "memory" },
  };
  if (proxy !== undefined) config.proxy = proxy;
  if (confirmation !== undefined) config.productionWriteConfirmation = confirmation;
  const profilesDir = setting("NDOP_PROFILES_DIR");
  if (profilesDir !== undefined) config.profilesDir = profilesDir;
  if (config.allowNonSynthetic && isProductionTarget(name, baseUrl))
    problems.push(
      "NDOP_ALLOW_NON_SYNTHETIC is refused for Production (prod, or a Production host): only synthetic test patients are ever used there.",
    );
  return { config, problems, sources };
}

/** Settings this target would not use: each is refused, never silently ignored. */
function ignoredSettings(
  name: EnvironmentName,
  setting: (name: SettingName) => string | undefined,
): string[] {
  const problems: string[] = [];
  const given = (names: SettingName[]) => names.filter((each) => setting(each) !== undefined);
  if (name !== "sandbox") {
    for (const each of given(["NDOP_SANDBOX_FAULTS", "NDOP_SANDBOX_STORE"]))
      problems.push(`${each} applies to the sandbox only.`);
  } else {
    const tls = given(["NDOP_CLIENT_CERT", "NDOP_CLIENT_KEY", "NDOP_CA_BUNDLE", "NDOP_TLS_VERIFY"]);
    if (tls.length > 0)
      problems.push(
        `${tls.join(", ")} cannot be used with the embedded sandbox, which serves plain HTTP on loopback: use --env custom with a TLS sandbox.`,
      );
  }
  if (setting("NDOP_BASE_PATH") !== undefined && (name === "sandbox" || setting("NDOP_BASE_URL")))
    problems.push(
      "NDOP_BASE_PATH applies to the Spine hosts of the environment table only: with a base URL, put the path in the URL; the embedded sandbox always serves /STU3.",
    );
  const profiles = setting("NDOP_PROFILES_DIR");
  if (profiles !== undefined && !existsSync(profiles))
    problems.push(`NDOP_PROFILES_DIR (--profiles-dir) names ${profiles}, which does not exist.`);
  return problems;
}

function readDotenv(file: string, problems: string[]): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    return parseDotenv(readFileSync(file));
  } catch {
    problems.push(`${file} exists but cannot be read.`);
    return {};
  }
}

function resolveBaseUrl(
  name: EnvironmentName,
  explicit: string | undefined,
  basePath: string,
  host: string | undefined,
  problems: string[],
): string {
  if (explicit !== undefined) {
    if (name === "sandbox")
      problems.push(
        "NDOP_BASE_URL (--base-url) cannot be used with the sandbox environment, which starts its own server: use --env custom, or drop the base URL.",
      );
    if (!isUrl(explicit))
      problems.push(`NDOP_BASE_URL (--base-url) "${explicit}" is not an http(s) URL.`);
    return explicit.replace(/\/+$/, "");
  }
  if (name === "custom")
    problems.push("The custom environment needs a base URL: --base-url or NDOP_BASE_URL.");
  if (host === undefined) return "";
  return `${host}${basePath.startsWith("/") ? basePath : `/${basePath}`}`.replace(/\/+$/, "");
}

function fileSetting(
  name: SettingName,
  value: string | undefined,
  key: string,
  problems: string[],
): Record<string, string> {
  if (value === undefined) return {};
  if (!existsSync(value)) problems.push(`${name} names ${value}, which does not exist.`);
  return { [key]: value };
}

function booleanSetting(
  name: SettingName,
  value: string | undefined,
  fallback: boolean,
  problems: string[],
): boolean {
  if (value === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  problems.push(`${name} "${value}" is not true or false.`);
  return fallback;
}

function numberSetting(
  name: SettingName,
  value: string | undefined,
  fallback: number,
  minimum: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    problems.push(`${name} "${value}" is not a whole number of at least ${minimum}.`);
    return fallback;
  }
  return number;
}

function listSetting(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function formatsOf(value: string, problems: string[]): Format[] {
  if (value === "both") return ["json", "xml"];
  if (value === "json" || value === "xml") return [value];
  problems.push(`NDOP_FORMAT (--format) "${value}" is not json, xml or both.`);
  return ["json", "xml"];
}

function updateUnknownId(value: string | undefined, problems: string[]): 404 | 405 {
  if (value === undefined || value === "404") return 404;
  if (value === "405") return 405;
  problems.push(`NDOP_EXPECT_UPDATE_UNKNOWN_ID "${value}" is not 404 or 405.`);
  return 404;
}

function interactionIds(
  value: string | undefined,
  problems: string[],
): Partial<Record<Interaction, string>> {
  const ids: Partial<Record<Interaction, string>> = {};
  for (const pair of listSetting(value)) {
    const [interaction, id] = pair.split("=").map((part) => part.trim());
    if (
      !interaction ||
      !id ||
      !["metadata", "create", "update", "history", "vread", "search"].includes(interaction)
    ) {
      problems.push(
        `NDOP_INTERACTION_IDS entry "${pair}" is not interaction=id (metadata, create, update, history, vread, search).`,
      );
      continue;
    }
    ids[interaction as Interaction] = id;
  }
  return ids;
}

function isUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
