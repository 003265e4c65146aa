import type { Handler } from "../context.js";
import { readInboundConsent } from "../inbound-consent.js";
import { requestFormat } from "../media-types.js";
import { duplicateRejected, resourceIdFail } from "../spine-errors.js";
import { newVersion, underPreferenceRule, writeReply } from "./versioning.js";

/** POST [base]/Consent (contract section 5, row 2). */
export const createConsent: Handler = (request, context) => {
  const { rules, store } = context;
  const consent = readInboundConsent(
    request.body,
    requestFormat(request.headers["content-type"]),
    context.validator,
    rules,
  );
  const serverAssignsId = rules.enforces("server-assigns-id");
  if (consent.id !== undefined && serverAssignsId) {
    throw resourceIdFail("A Consent sent to create must not carry an id: the server assigns it.");
  }
  const id =
    !serverAssignsId && typeof consent.id === "string" ? consent.id : context.ids.consentId();
  const version = newVersion(consent, id, context.ids.firstVersion(), context);
  const outcome = store.create(underPreferenceRule(version, rules));
  if (!outcome.ok) {
    throw duplicateRejected(version.key.patient, outcome.existingId, "update it instead");
  }
  return writeReply(201, outcome.version, request, context);
};
