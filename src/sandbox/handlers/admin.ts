import type { JsonObject } from "../../fhir/index.js";
import type { Handler, SandboxContext } from "../context.js";
import { messageNotWellFormed, seedDuplicate } from "../spine-errors.js";
import { SpineError } from "../spine-outcome.js";
import type { StoredVersion } from "../store/index.js";
import { newVersion } from "./versioning.js";

const SEED_BODY = "The seed body must be a Consent in JSON.";

/**
 * Test data for the sandbox only (Pact provider states, tests): store a Consent as given, without
 * the API's checks, or forget everything. Never offered by a real environment.
 */
export function seedConsent(
  consent: JsonObject,
  context: SandboxContext,
): StoredVersion | SpineError {
  const id = typeof consent.id === "string" ? consent.id : context.ids.consentId();
  const outcome = context.store.create(
    newVersion(consent, id, context.ids.firstVersion(), context),
  );
  return outcome.ok ? outcome.version : seedDuplicate(outcome.existingId);
}

/** POST [base]/_admin/seed with a Consent (JSON): 201 with the stored version. */
export const adminSeed: Handler = (request, context) => {
  const consent = parsedSeed(request.body);
  if (consent === undefined) return messageNotWellFormed(SEED_BODY);
  const version = seedConsent(consent, context);
  if (version instanceof SpineError) return version;
  return {
    status: 201,
    headers: { Location: `${request.baseUrl}/Consent/${version.id}/_history/${version.versionId}` },
    resource: version.resource,
  };
};

/** The seed body as a Consent in JSON, or undefined. */
function parsedSeed(body: Buffer): JsonObject | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } /* Stryker disable next-line BlockStatement: parsed is still undefined after a parse error, which the check below refuses as well. */ catch {
    return undefined;
  }
  // null is refused here; a JSON number, string or array has no resourceType either.
  const consent = parsed as JsonObject | null;
  return consent?.resourceType === "Consent" ? consent : undefined;
}

/** POST [base]/_admin/reset: forget every Consent. */
export const adminReset: Handler = (_request, context) => {
  context.store.reset();
  return { status: 204 };
};
