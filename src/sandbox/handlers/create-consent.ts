import type { Handler } from "../context.js";
import { readInboundConsent } from "../inbound-consent.js";
import { duplicateRejected, resourceIdFail } from "../spine-errors.js";
import { SpineError } from "../spine-outcome.js";
import { newVersion, underPreferenceRule, writeReply } from "./versioning.js";

/** POST [base]/Consent (contract section 5, row 2). */
export const createConsent: Handler = (request, context) => {
  const { rules, store } = context;
  const consent = readInboundConsent(
    request.body,
    request.headers["content-type"],
    context.validator,
    rules,
  );
  if (consent instanceof SpineError) return consent;
  const serverAssignsId = rules.enforces("server-assigns-id");
  if (consent.id !== undefined && serverAssignsId) {
    return resourceIdFail("A Consent sent to create must not carry an id: the server assigns it.");
  }
  const id =
    !serverAssignsId && typeof consent.id === "string" ? consent.id : context.ids.consentId();
  const version = newVersion(consent, id, context.ids.firstVersion(), context);
  const outcome = store.create(underPreferenceRule(version, rules));
  if (!outcome.ok) {
    return duplicateRejected(version.key.patient, outcome.existingId, "update it instead");
  }
  return writeReply(201, outcome.version, request, context);
};
