import { randomUUID } from "node:crypto";
// The subpath: jose's index loads 46 modules, this one a handful (NDOP tokens are unsigned).
import { UnsecuredJWT } from "jose/jwt/unsecured";
import type { SpineIdentity } from "../config/index.js";

export const SANDBOX_IDENTITY: SpineIdentity = {
  clientAsid: "200000000001",
  providerAsid: "999999999999",
  issuer: "https://ndop-conformance.invalid",
  user: "https://fhir.nhs.uk/Id/sds-role-profile-id|fakeRoleId",
  audience: "https://clinicals.spineservices.nhs.uk",
  reasonForRequest: "directcare",
  scope: "patient/consent.read patient/consent.write",
};

/** A new unsigned JWT (alg none, empty signature), valid for five minutes (section 3). */
export function buildJwt(identity: SpineIdentity, now = new Date()): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new UnsecuredJWT({
    reason_for_request: identity.reasonForRequest,
    scope: identity.scope,
    requesting_system: `https://fhir.nhs.uk/Id/accredited-system|${identity.clientAsid}`,
    requesting_user: identity.user,
  })
    .setIssuer(identity.issuer)
    .setSubject(identity.user)
    .setAudience(identity.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 300)
    .encode();
}

/** Authorization and Ssp-* headers for one request: a fresh JWT and trace id every time. */
export function buildSpineHeaders(
  identity: SpineIdentity,
  interactionId: string,
): Record<string, string> {
  return {
    Authorization: `Bearer ${buildJwt(identity)}`,
    "Ssp-TraceID": randomUUID(),
    "Ssp-From": identity.clientAsid,
    "Ssp-To": identity.providerAsid,
    "Ssp-InteractionID": interactionId,
  };
}
