import type { IncomingHttpHeaders } from "node:http";
import type { TLSSocket } from "node:tls";
import { errors, UnsecuredJWT } from "jose";
import type { Interaction } from "../config/index.js";
import type { SandboxSettings } from "./settings.js";
import {
  accessDenied,
  accessDeniedSsl,
  asidCheckFailed,
  missingOrInvalidHeader,
} from "./spine-errors.js";

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
 * refused is 403 ACCESS DENIED; a refused ASID is 403 ASID_CHECK_FAILED.
 */
export function checkSecurity(
  headers: IncomingHttpHeaders,
  interaction: Interaction,
  settings: SandboxSettings,
  checks: { token: boolean; headers: boolean } = { token: true, headers: true },
): void {
  const from = single(headers["ssp-from"]);
  if (checks.headers) checkSpineHeaders(headers, interaction, settings);
  if (checks.token) checkToken(single(headers.authorization), from, settings);
}

/** The Spine proxy headers (Ssp-*) and the ASIDs they carry. */
function checkSpineHeaders(
  headers: IncomingHttpHeaders,
  interaction: Interaction,
  settings: SandboxSettings,
): void {
  const traceId = single(headers["ssp-traceid"]);
  if (!traceId || !UUID.test(traceId))
    headerError("Ssp-TraceID", "must be a UUID, new for each request");
  const from = single(headers["ssp-from"]);
  if (!from) headerError("Ssp-From", "must carry the client's ASID");
  const to = single(headers["ssp-to"]);
  if (!to) headerError("Ssp-To", "must carry the provider's ASID");
  const interactionId = single(headers["ssp-interactionid"]);
  const expected = settings.interactionIds[interaction];
  if (interactionId !== expected)
    headerError("Ssp-InteractionID", `must be ${expected} for this request`);
  if (settings.allowedClientAsids.length > 0 && !settings.allowedClientAsids.includes(from)) {
    throw asidCheckFailed(`ASID ${from} in Ssp-From is not authorised for this interaction.`);
  }
  if (settings.providerAsid !== "" && to !== settings.providerAsid) {
    throw asidCheckFailed(`Ssp-To ${to} is not this provider's ASID.`);
  }
}

/** Mutual TLS: with a client CA configured, a request without a trusted client certificate is refused. */
export function checkClientCertificate(
  socket: TLSSocket | undefined,
  settings: SandboxSettings,
): void {
  if (settings.tls?.clientCa && socket && !socket.authorized) {
    throw accessDeniedSsl(String(socket.authorizationError ?? "none presented"));
  }
}

function checkToken(authorization: string, asid: string, settings: SandboxSettings): void {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) headerError("Authorization", "must be Bearer <JWT>");
  const token = match[1];
  let payload: Record<string, unknown>;
  try {
    payload = UnsecuredJWT.decode(token, {
      audience: settings.audience,
      requiredClaims: REQUIRED_CLAIMS,
      // jose checks iat only with maxTokenAge: then an iat in the future (past the skew) is refused.
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: TOKEN_LIFETIME_SECONDS,
    }).payload;
  } catch (error) {
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
      throw accessDenied(`The JWT was refused: ${error.message}.`);
    }
    // jose refuses a signed token as "Invalid Unsecured JWT" too: NDOP tokens must be unsigned.
    headerError("Authorization", "must carry an unsigned JWT (alg none, empty signature)");
  }
  if (payload.requesting_patient === undefined && payload.requesting_user === undefined) {
    throw accessDenied("The JWT names neither requesting_patient nor requesting_user.");
  }
  const lifetime = Number(payload.exp) - Number(payload.iat);
  if (!(lifetime > 0 && lifetime <= TOKEN_LIFETIME_SECONDS)) {
    throw accessDenied("The JWT must expire at most 5 minutes after it was issued.");
  }
  const system = String(payload.requesting_system);
  if (!system.startsWith(ASID_SYSTEM) || system.slice(ASID_SYSTEM.length) !== asid) {
    throw asidCheckFailed(`requesting_system ${system} does not match Ssp-From ${asid}.`);
  }
}

function headerError(header: string, requirement: string): never {
  throw missingOrInvalidHeader(header, requirement);
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}
