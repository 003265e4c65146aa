import { type JsonObject, NDOP_CONSENT_PROFILE, versionOfEtag } from "../../fhir/index.js";
import type { SandboxContext, SandboxReply, SandboxRequest } from "../context.js";
import type { RuleSet } from "../rule-set.js";
import { invalidValue } from "../spine-errors.js";
import type { SpineError } from "../spine-outcome.js";
import { type NewVersion, preferenceKeyOf, type StoredVersion } from "../store/index.js";

/** The version the store will keep: the client's Consent with the server's id and meta. */
export function newVersion(
  consent: JsonObject,
  id: string,
  versionId: string,
  context: SandboxContext,
): NewVersion {
  const lastUpdated = new Date().toISOString();
  const content = context.rules.enforces("stores-what-is-sent") ? consent : withoutNic(consent);
  const meta = {
    ...(content.meta as JsonObject | undefined),
    versionId,
    lastUpdated,
    profile: [NDOP_CONSENT_PROFILE],
  };
  // The client's id and meta are replaced; the members' order is the definition's either way.
  const resource = context.validator.inDefinitionOrder({
    ...content,
    resourceType: "Consent",
    id,
    meta,
  });
  return { id, versionId, lastUpdated, resource, key: preferenceKeyOf(consent) };
}

/** `W/"<vid>"` or `"<vid>"` in If-Match, to the version id it names. */
export function expectedVersion(request: SandboxRequest): string | undefined | SpineError {
  const header = request.headers["if-match"];
  if (header === undefined) return undefined;
  const version = versionOfEtag(String(header).trim());
  if (version === undefined)
    return invalidValue(`If-Match ${String(header)} is not an ETag such as W/"1".`);
  return version;
}

/** 201/200 with Location, ETag and Last-Modified, and the stored version unless return=minimal. */
export function writeReply(
  status: number,
  version: StoredVersion,
  request: SandboxRequest,
  context: SandboxContext,
): SandboxReply {
  const { settings } = context;
  const headers: Record<string, string> = {
    Location: `${request.baseUrl}/Consent/${version.id}/_history/${version.versionId}`,
    ETag: `W/"${version.versionId}"`,
    "Last-Modified": new Date(version.lastUpdated).toUTCString(),
  };
  const prefer = settings.honourPrefer ? String(request.headers.prefer ?? "") : "";
  const minimal =
    prefer.includes("return=minimal") ||
    (!settings.returnRepresentation && !prefer.includes("return=representation"));
  return minimal ? { status, headers } : { status, headers, resource: version.resource };
}

/**
 * The store refuses a second live Consent by its preference key (section 8); a sandbox that
 * forgets the rule gives each Consent a key of its own.
 */
export function underPreferenceRule(version: NewVersion, rules: RuleSet): NewVersion {
  if (!rules.enforces("one-live-consent")) version.key.purpose += `|${version.id}`;
  return version;
}

/** The Consent without the proxy's NIC sub-extension (the `store-drops-nic` fault). */
function withoutNic(consent: JsonObject): JsonObject {
  const extensions = consent.extension as JsonObject[] | undefined;
  // Without extensions there is no NIC to drop (and no empty extension array to add).
  if (extensions === undefined) return consent;
  return {
    ...consent,
    extension: extensions.map((extension) =>
      Array.isArray(extension.extension)
        ? {
            ...extension,
            extension: (extension.extension as JsonObject[]).filter((sub) => sub.url !== "NIC"),
          }
        : extension,
    ),
  };
}
