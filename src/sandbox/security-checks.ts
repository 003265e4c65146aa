import type { IncomingHttpHeaders } from "node:http";
import type { TLSSocket } from "node:tls";
import type { JWTPayload } from "jose";
// jose's subpaths, not its index: the index loads 46 modules (JWE, JWKS, key import), a cost every
// run paid twice, and NDOP tokens are unsigned.
import { JWTClaimValidationFailed, JWTExpired } from "jose/errors";
import { UnsecuredJWT } from "jose/jwt/unsecured";
import type { Interaction } from "../config/index.js";
import type { SandboxSettings } from "./settings.js";
import {
  accessDenied,
  accessDeniedSsl,
  asidCheckFailed,
  missingOrInvalidHeader,
} from "./spine-errors.js";
import { SpineError } from "./spine-outcome.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUIRED_CLAIMS = [
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "reason_for_request",
  "scope",
  "requesting_system",
];
const ASID_SYSTEM = "https://fhir.nhs.uk/Id/accredited-system|";
/** Clock difference allowed between client and sandbox, the same for `exp` and for `iat`. */
export const CLOCK_SKEW_SECONDS = 60;
/** Contract section 3: exp is iat + 5 minutes, so no token is older than that. */
const TOKEN_LIFETIME_SECONDS = 300;

/**
 * Contract section 3: an unsigned JWT (alg none) for every request, and the Spine proxy headers.
 * A missing or malformed header is 400 MISSING_OR_INVALID_HEADER; a well-formed token that is
 * refused is 403 ACCESS DENIED; a refused ASID is 403 ASID_CHECK_FAILED. The first refusal, or
 * nothing when the request passes.
 */
export function checkSecurity(
  headers: IncomingHttpHeaders,
  interaction: Interaction,
  settings: SandboxSettings,
  checks: { token: boolean; headers: boolean } = { token: true, headers: true },
): SpineError | undefined {
  const from = single(headers["ssp-from"]);
  return (
    (checks.headers ? checkSpineHeaders(headers, interaction, settings) : undefined) ??
    (checks.token ? checkToken(single(headers.authorization), from, settings) : undefined)
  );
}

/** The Spine proxy headers (Ssp-*) and the ASIDs they carry. */
function checkSpineHeaders(
  headers: IncomingHttpHeaders,
  interaction: Interaction,
  settings: SandboxSettings,
): SpineError | undefined {
  const traceId = single(headers["ssp-traceid"]);
  if (!traceId || !UUID.test(traceId))
    return missingOrInvalidHeader("Ssp-TraceID", "must be a UUID, new for each request");
  const from = single(headers["ssp-from"]);
  if (!from) return missingOrInvalidHeader("Ssp-From", "must carry the client's ASID");
  const to = single(headers["ssp-to"]);
  if (!to) return missingOrInvalidHeader("Ssp-To", "must carry the provider's ASID");
  const interactionId = single(headers["ssp-interactionid"]);
  const expected = settings.interactionIds[interaction];
  if (interactionId !== expected)
    return missingOrInvalidHeader("Ssp-InteractionID", `must be ${expected} for this request`);
  if (settings.allowedClientAsids.length > 0 && !settings.allowedClientAsids.includes(from))
    return asidCheckFailed(`ASID ${from} in Ssp-From is not authorised for this interaction.`);
  if (settings.providerAsid !== "" && to !== settings.providerAsid)
    return asidCheckFailed(`Ssp-To ${to} is not this provider's ASID.`);
  return undefined;
}

/** Mutual TLS: with a client CA configured, a request without a trusted client certificate is refused. */
export function checkClientCertificate(
  socket: TLSSocket | undefined,
  settings: SandboxSettings,
): SpineError | undefined {
  if (settings.tls?.clientCa && socket && !socket.authorized)
    return accessDeniedSsl(String(socket.authorizationError ?? "none presented"));
  return undefined;
}

function checkToken(
  authorization: string,
  asid: string,
  settings: SandboxSettings,
): SpineError | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!token) return missingOrInvalidHeader("Authorization", "must be Bearer <JWT>");
  const payload = decodeToken(token, settings);
  if (payload instanceof SpineError) return payload;
  if (payload.requesting_patient === undefined && payload.requesting_user === undefined)
    return accessDenied("The JWT names neither requesting_patient nor requesting_user.");
  const lifetime = Number(payload.exp) - Number(payload.iat);
  if (!(lifetime > 0 && lifetime <= TOKEN_LIFETIME_SECONDS))
    return accessDenied("The JWT must expire at most 5 minutes after it was issued.");
  const system = String(payload.requesting_system);
  if (!system.startsWith(ASID_SYSTEM) || system.slice(ASID_SYSTEM.length) !== asid)
    return asidCheckFailed(`requesting_system ${system} does not match Ssp-From ${asid}.`);
  return undefined;
}

/**
 * The last token accepted, with the second and audience it was judged at. jose's verdict depends
 * only on the token, the options and the current time in whole seconds, so the same token in the
 * same second against the same audience gets the same claims: a client's burst of requests is
 * decoded once. Refusals are never remembered.
 */
let lastAccepted:
  | { token: string; second: number; audience: string; claims: JWTPayload }
  | undefined;

/** The token's claims, or the refusal: 403 for a claim refused, 400 for a token that is not one. */
function decodeToken(token: string, settings: SandboxSettings): JWTPayload | SpineError {
  const now = new Date();
  const second = Math.floor(now.getTime() / 1000);
  const audience = settings.audience;
  const last = lastAccepted;
  if (last?.token === token && last.second === second && last.audience === audience)
    return last.claims;
  try {
    const claims = UnsecuredJWT.decode(token, {
      audience,
      requiredClaims: REQUIRED_CLAIMS,
      // jose checks iat only with maxTokenAge: then an iat in the future (past the skew) is refused.
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: TOKEN_LIFETIME_SECONDS,
      currentDate: now,
    }).payload;
    lastAccepted = { token, second, audience, claims };
    return claims;
  } catch (error) {
    if (error instanceof JWTClaimValidationFailed || error instanceof JWTExpired)
      return accessDenied(`The JWT was refused: ${error.message}.`);
    // jose refuses a signed token as "Invalid Unsecured JWT" too: NDOP tokens must be unsigned.
    return missingOrInvalidHeader(
      "Authorization",
      "must carry an unsigned JWT (alg none, empty signature)",
    );
  }
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}
