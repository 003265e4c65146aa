import { ProductionGuardError } from "../errors/index.js";
import { isValidNhsNumber } from "../fhir/index.js";

/** The exact sentence that lets writes reach Production (README, "Safety: Production"). */
export const PRODUCTION_WRITE_CONFIRMATION =
  "I confirm this run writes real opt-out records in Production";

/** Spine Production host names (contract section 2). Any path and port; case and a trailing dot ignored. */
export const PRODUCTION_HOSTS: readonly string[] = ["clinicals.spineservices.nhs.uk"];

/** Only these methods read; every other method (POST, PUT, DELETE, PATCH, anything) is a write. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Who a request is for: the environment's name and the confirmation it carries, if any. */
export interface GuardTarget {
  environment: string;
  productionWriteConfirmation?: string | undefined;
}

/** A request as it is about to leave: the full URL it goes to, and its body. */
export interface OutgoingRequest {
  method: string;
  url: string;
  body?: string | Uint8Array | undefined;
}

export function isWrite(method: string): boolean {
  return !READ_METHODS.has(method.toUpperCase());
}

/** Whether a URL's host is a Production Spine host (what WHATWG URL parsing makes of it). */
export function isProductionHost(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return PRODUCTION_HOSTS.includes(hostname.replace(/\.+$/, ""));
}

/** Production: the `prod` environment, or a Production host whatever the environment is called. */
export function isProductionTarget(environment: string, url: string): boolean {
  return environment === "prod" || isProductionHost(url);
}

export function writesConfirmed(confirmation: string | undefined): boolean {
  return confirmation === PRODUCTION_WRITE_CONFIRMATION;
}

/** Whether writes may go to this URL for this target (the run's "skip the cases that write"). */
export function mayWrite(target: GuardTarget, url: string): boolean {
  return (
    !isProductionTarget(target.environment, url) ||
    writesConfirmed(target.productionWriteConfirmation)
  );
}

/**
 * The one check every request passes before it is sent. To a Production target it refuses any
 * write without the exact confirmation sentence, and any real-looking (valid, non-999) NHS number
 * in the URL or body, whatever else is configured.
 */
export function assertMaySend(target: GuardTarget, request: OutgoingRequest): void {
  if (!isProductionTarget(target.environment, request.url)) return;
  if (isWrite(request.method) && !writesConfirmed(target.productionWriteConfirmation)) {
    throw new ProductionGuardError(
      "PRODUCTION_WRITE_REFUSED",
      `${request.method} ${originOf(request.url)}${pathOf(request.url)} refused: it writes to Production, and NDOP_ALLOW_PRODUCTION_WRITES does not carry the confirmation sentence (README, Safety: Production).`,
      { method: request.method, url: request.url },
    );
  }
  const real = realNhsNumberIn(request);
  if (real !== undefined) {
    throw new ProductionGuardError(
      "REAL_NHS_NUMBER_REFUSED",
      `${request.method} to ${originOf(request.url)} refused: it carries an NHS number outside the synthetic 999 range, and only test patients are ever sent to Production.`,
      { method: request.method },
    );
  }
}

/** Ten digits (or 3-3-4 spaced) standing alone, with a valid check digit, outside the 999 range. */
function realNhsNumberIn(request: OutgoingRequest): string | undefined {
  const body =
    request.body === undefined
      ? ""
      : typeof request.body === "string"
        ? request.body
        : Buffer.from(request.body).toString("utf8");
  const text = `${decoded(request.url)}\n${decoded(body)}\n${body}`;
  for (const match of text.matchAll(
    /(?<![0-9A-Za-z])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![0-9A-Za-z])/g,
  )) {
    const digits = `${match[1]}${match[2]}${match[3]}`;
    if (isValidNhsNumber(digits) && !digits.startsWith("999")) return digits;
  }
  return undefined;
}

/** Percent-decoded where that is possible, so `%7C9434765919` is seen as `|9434765919`. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(unparseable URL)";
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}
