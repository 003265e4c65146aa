import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { bareMediaType } from "./media-types.js";
import { accessDenied, unsupportedMediaType } from "./spine-errors.js";
import type { SpineError } from "./spine-outcome.js";

/** A fresh admin token: 192 random bits, URL-safe. */
export function newAdminToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The admin routes change every Consent, so a web page must not be able to call them: they
 * require `Authorization: Bearer <token printed at start-up>` (a header a cross-origin form
 * cannot send) and `Content-Type: application/json` (which a cross-origin `text/plain` POST
 * cannot claim without a CORS preflight, which the sandbox never grants).
 */
export function checkAdminRequest(
  headers: IncomingHttpHeaders,
  token: string,
): SpineError | undefined {
  // Stryker disable next-line StringLiteral: a fallback of any text but "Bearer <token>" matches no more than "" does.
  const presented = /^Bearer\s+(\S+)$/i.exec(headers.authorization?.trim() ?? "")?.[1];
  if (presented === undefined || !sameSecret(presented, token)) {
    return accessDenied(
      "The admin routes need Authorization: Bearer <the admin token the sandbox printed at start-up>.",
    );
  }
  if (bareMediaType(headers["content-type"]) !== "application/json") {
    return unsupportedMediaType("The admin routes take Content-Type: application/json only.");
  }
  return undefined;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return b.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}
