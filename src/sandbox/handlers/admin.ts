import type { JsonObject } from "../../fhir/index.js";
import type { Handler, SandboxContext } from "../context.js";
import { SpineError } from "../spine-outcome.js";
import type { StoredVersion } from "../store/index.js";
import { newVersion } from "./versioning.js";

/**
 * Test data for the sandbox only (Pact provider states, tests): store a Consent as given, without
 * the API's checks, or forget everything. Never offered by a real environment.
 */
export function seedConsent(consent: JsonObject, context: SandboxContext): StoredVersion {
  const id = typeof consent.id === "string" ? consent.id : context.ids.consentId();
  const outcome = context.store.create(
    newVersion(consent, id, context.ids.firstVersion(), context),
  );
  if (!outcome.ok) {
    throw new SpineError(
      409,
      "duplicate",
      "DUPLICATE_REJECTED",
      `The sandbox already holds a Consent for that preference (${outcome.existingId}).`,
    );
  }
  return outcome.version;
}

/** POST [base]/_admin/seed with a Consent (JSON): 201 with the stored version. */
export const adminSeed: Handler = (request, context) => {
  let consent: JsonObject;
  try {
    consent = JSON.parse(request.body.toString("utf8")) as JsonObject;
  } catch {
    throw new SpineError(
      400,
      "structure",
      "MESSAGE_NOT_WELL_FORMED",
      "The seed body must be a Consent in JSON.",
    );
  }
  if (consent === null || typeof consent !== "object" || consent.resourceType !== "Consent") {
    throw new SpineError(
      400,
      "structure",
      "MESSAGE_NOT_WELL_FORMED",
      "The seed body must be a Consent in JSON.",
    );
  }
  const version = seedConsent(consent, context);
  return {
    status: 201,
    headers: { Location: `${request.baseUrl}/Consent/${version.id}/_history/${version.versionId}` },
    resource: version.resource,
  };
};

/** POST [base]/_admin/reset: forget every Consent. */
export const adminReset: Handler = (_request, context) => {
  context.store.reset();
  return { status: 204 };
};
