import { existsSync } from "node:fs";
import { ENVIRONMENTS, type EnvironmentName } from "./environments.js";
import { redactUrlCredentials } from "./redact.js";
import { isUrl, type SettingLookup } from "./setting-parsers.js";
import type { SettingName } from "./settings.js";

/** The FHIR base URL: the one given, or the environment's host and base path. */
export function resolveBaseUrl(
  name: EnvironmentName,
  setting: SettingLookup,
  problems: string[],
): string {
  const explicit = setting("NDOP_BASE_URL");
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
  const host = ENVIRONMENTS[name].host;
  if (host === undefined) return "";
  const basePath = setting("NDOP_BASE_PATH") ?? "/STU3";
  return `${host}${basePath.startsWith("/") ? basePath : `/${basePath}`}`.replace(/\/+$/, "");
}

/** NDOP_HTTPS_PROXY, when given; a problem when it is not a URL. */
export function proxySetting(setting: SettingLookup, problems: string[]): string | undefined {
  const proxy = setting("NDOP_HTTPS_PROXY");
  if (proxy !== undefined && !isUrl(proxy))
    problems.push(`NDOP_HTTPS_PROXY "${redactUrlCredentials(proxy)}" is not a URL.`);
  return proxy;
}

/** Settings this target would not use: each is refused, never silently ignored. */
export function ignoredSettings(name: EnvironmentName, setting: SettingLookup): string[] {
  const problems: string[] = [];
  const given = (names: SettingName[]) => names.filter((each) => setting(each) !== undefined);
  if (name !== "sandbox") {
    for (const each of given(["NDOP_SANDBOX_FAULTS", "NDOP_SANDBOX_STORE"]))
      problems.push(`${each} applies to the sandbox only.`);
  } else {
    const tls = given([
      "NDOP_CLIENT_CERT",
      "NDOP_CLIENT_KEY",
      "NDOP_CLIENT_KEY_PASSPHRASE",
      "NDOP_CA_BUNDLE",
      "NDOP_TLS_VERIFY",
    ]);
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
