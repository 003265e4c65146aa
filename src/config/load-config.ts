import { resolve } from "node:path";
import { type ConfigSources, layerSettings } from "./config-sources.js";
import type { EnvironmentName } from "./environments.js";
import { allowNonSyntheticSetting, patientsSetting } from "./patient-settings.js";
import { nonSyntheticProblems, productionConfirmation, writesAllowed } from "./safety-settings.js";
import {
  type Format,
  formatsOf,
  interactionIds,
  listSetting,
  numberSetting,
  type SettingLookup,
  updateUnknownId,
} from "./setting-parsers.js";
import type { SettingName } from "./settings.js";
import type { Interaction, SpineIdentity } from "./spine.js";
import { ignoredSettings, proxySetting, resolveBaseUrl } from "./target-settings.js";
import { resolveTls, type TlsSettings } from "./tls-settings.js";

export type { ConfigSources } from "./config-sources.js";
export type { Format } from "./setting-parsers.js";

/** Everything a run needs, resolved and checked. Serialisable: it is handed to the suite workers. */
export interface RunConfig {
  environment: EnvironmentName;
  /** FHIR base URL; for the sandbox, filled in once it is listening. */
  baseUrl: string;
  tls: TlsSettings;
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

export interface ResolvedConfig {
  config: RunConfig;
  problems: string[];
  /** Where each setting's value came from, for a run's header. */
  sources: Partial<Record<SettingName, string>>;
}

/**
 * Settings from the environment, then `.env`, then `.env.<environment>`, then CLI flags, each
 * overriding the one before (config-sources.ts). Every problem is collected, one sentence each,
 * in a fixed order (target, TLS, safety, patients, then the rest), before anything runs.
 */
export function resolveConfig(given: ConfigSources): ResolvedConfig {
  const problems: string[] = [];
  const { name, setting, sources } = layerSettings(given, problems);
  const baseUrl = resolveBaseUrl(name, setting, problems);
  const tls = resolveTls(name, setting, problems);
  const proxy = proxySetting(setting, problems);
  const confirmation = productionConfirmation(setting, problems);
  const patients = patientsSetting(name, setting, problems);
  problems.push(...ignoredSettings(name, setting));
  const config: RunConfig = {
    environment: name,
    baseUrl,
    tls,
    ...runSettings(setting, problems),
    patients,
    allowNonSynthetic: allowNonSyntheticSetting(setting, problems),
    writesAllowed: writesAllowed(name, baseUrl, confirmation),
    ...suiteSettings(setting, given.cwd, given.defaultFixturesDir, problems),
    sandbox: {
      faults: listSetting(setting("NDOP_SANDBOX_FAULTS")),
      store: setting("NDOP_SANDBOX_STORE") ?? "memory",
    },
  };
  if (proxy !== undefined) config.proxy = proxy;
  if (confirmation !== undefined) config.productionWriteConfirmation = confirmation;
  const profilesDir = setting("NDOP_PROFILES_DIR");
  if (profilesDir !== undefined) config.profilesDir = profilesDir;
  problems.push(...nonSyntheticProblems(name, baseUrl, config.allowNonSynthetic));
  return { config, problems, sources };
}

/** How requests are made: timeouts, retries, the Spine identity and interaction ids. */
function runSettings(
  setting: SettingLookup,
  problems: string[],
): Pick<RunConfig, "timeoutMs" | "retries" | "identity" | "interactionIds"> {
  return {
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
  };
}

/** What is run and where its files are: formats, suites, reports, fixtures, the 404/405 choice. */
function suiteSettings(
  setting: SettingLookup,
  cwd: string,
  defaultFixturesDir: string,
  problems: string[],
): Pick<RunConfig, "formats" | "suites" | "reportsDir" | "fixturesDir" | "expectUpdateUnknownId"> {
  return {
    formats: formatsOf(setting("NDOP_FORMAT") ?? "both", problems),
    suites: listSetting(setting("NDOP_SUITES")),
    reportsDir: setting("NDOP_REPORTS_DIR") ?? "reports",
    fixturesDir: resolve(cwd, setting("NDOP_FIXTURES_DIR") ?? defaultFixturesDir),
    expectUpdateUnknownId: updateUnknownId(setting("NDOP_EXPECT_UPDATE_UNKNOWN_ID"), problems),
  };
}
