/**
 * The interactions of the NDOP API, named as FHIR names them: the CapabilityStatement's
 * interaction codes (history-instance, history-type, search-type…) and "capabilities" for
 * GET [base]/metadata. Fixture steps, fixture `needs`, the client and the sandbox use these names.
 */
export const INTERACTIONS = [
  "capabilities",
  "create",
  "update",
  "vread",
  "history-instance",
  "history-type",
  "search-type",
] as const;

export type Interaction = (typeof INTERACTIONS)[number];

const INTERACTION_PREFIX = "urn:nhs:names:services:nationaldataoptout:fhir:rest";

/**
 * Ssp-InteractionID per interaction (contract section 3): the one table from an interaction's
 * name to its Spine interaction id. Only the metadata one is published; the others follow its
 * pattern ([choice]), both histories share one id, and NDOP_INTERACTION_IDS can override them.
 */
export const DEFAULT_INTERACTION_IDS: Readonly<Record<Interaction, string>> = {
  capabilities: `${INTERACTION_PREFIX}:read:metadata`,
  create: `${INTERACTION_PREFIX}:create:consent`,
  update: `${INTERACTION_PREFIX}:update:consent`,
  vread: `${INTERACTION_PREFIX}:vread:consent`,
  "history-instance": `${INTERACTION_PREFIX}:history:consent`,
  "history-type": `${INTERACTION_PREFIX}:history:consent`,
  "search-type": `${INTERACTION_PREFIX}:search:consent`,
};

/**
 * The names NDOP_INTERACTION_IDS took before the interactions were named as FHIR names them.
 * They still work with the same meaning: "history" sets the id of both histories.
 */
export const FORMER_INTERACTION_NAMES: Readonly<Record<string, readonly Interaction[]>> = {
  metadata: ["capabilities"],
  history: ["history-instance", "history-type"],
  search: ["search-type"],
};
/** Who is calling: the settings behind the JWT and Ssp-* headers of contract section 3. */
export interface SpineIdentity {
  /** Client system ASID (Ssp-From, requesting_system). */
  clientAsid: string;
  /** Provider ASID (Ssp-To). */
  providerAsid: string;
  /** JWT `iss`: the client system's URI. */
  issuer: string;
  /** JWT `sub` and requesting_user: the requesting user's id. */
  user: string;
  audience: string;
  reasonForRequest: string;
  scope: string;
}
