/** The interactions of the NDOP API, as the Ssp-InteractionID header names them. */
export type Interaction = "metadata" | "create" | "update" | "history" | "vread" | "search";

const INTERACTION_PREFIX = "urn:nhs:names:services:nationaldataoptout:fhir:rest";

/**
 * Ssp-InteractionID per interaction (contract section 3). Only the metadata one is published;
 * the others follow its pattern ([choice]) and NDOP_INTERACTION_IDS can override them.
 */
export const DEFAULT_INTERACTION_IDS: Readonly<Record<Interaction, string>> = {
  metadata: `${INTERACTION_PREFIX}:read:metadata`,
  create: `${INTERACTION_PREFIX}:create:consent`,
  update: `${INTERACTION_PREFIX}:update:consent`,
  history: `${INTERACTION_PREFIX}:history:consent`,
  vread: `${INTERACTION_PREFIX}:vread:consent`,
  search: `${INTERACTION_PREFIX}:search:consent`,
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
