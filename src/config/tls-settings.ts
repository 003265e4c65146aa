import { ENVIRONMENTS, type EnvironmentName } from "./environments.js";
import { booleanSetting, fileSetting, type SettingLookup } from "./setting-parsers.js";
import { SETTINGS } from "./settings.js";

export interface TlsSettings {
  cert?: string;
  key?: string;
  passphrase?: string;
  ca?: string;
  verify: boolean;
}

/**
 * Mutual TLS: the client certificate, key and CA bundle, and whether the server certificate is
 * checked. A Spine network target also needs the certificate and both ASIDs.
 */
export function resolveTls(
  name: EnvironmentName,
  setting: SettingLookup,
  problems: string[],
): TlsSettings {
  const tls = {
    ...fileSetting("NDOP_CLIENT_CERT", setting("NDOP_CLIENT_CERT"), "cert", problems),
    ...fileSetting("NDOP_CLIENT_KEY", setting("NDOP_CLIENT_KEY"), "key", problems),
    ...fileSetting("NDOP_CA_BUNDLE", setting("NDOP_CA_BUNDLE"), "ca", problems),
    verify: booleanSetting("NDOP_TLS_VERIFY", setting("NDOP_TLS_VERIFY"), true, problems),
  } as TlsSettings;
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
  problems.push(...spineAccessProblems(name, tls, setting));
  return tls;
}

/** What a target on HSCN or the internet (Spine) needs: a client certificate and both ASIDs. */
function spineAccessProblems(
  name: EnvironmentName,
  tls: TlsSettings,
  setting: SettingLookup,
): string[] {
  const network = ENVIRONMENTS[name].network;
  if (network !== "HSCN" && network !== "internet") return [];
  const problems: string[] = [];
  if (!tls.cert)
    problems.push(
      `${name} needs mutual TLS: set NDOP_CLIENT_CERT and NDOP_CLIENT_KEY to your Spine client certificate and key.`,
    );
  for (const required of ["NDOP_CLIENT_ASID", "NDOP_PROVIDER_ASID"] as const) {
    if (!setting(required))
      problems.push(`${required} is required for ${name}: ${SETTINGS[required].description}.`);
  }
  return problems;
}
