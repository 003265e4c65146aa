import type { Handler } from "../context.js";
import { readInboundConsent } from "../inbound-consent.js";
import { requestFormat } from "../media-types.js";
import { duplicateRejected, resourceIdFail } from "../spine-errors.js";
import { newVersion, writeReply } from "./versioning.js";

/** POST [base]/Consent (contract section 5, row 2). */
export const createConsent: Handler = (request, context) => {
  const { faults, store } = context;
  const consent = readInboundConsent(
    request.body,
    requestFormat(request.headers["content-type"]),
    context.validator,
    faults,
  );
  if (consent.id !== undefined && !faults.has("accept-client-id")) {
    throw resourceIdFail("A Consent sent to create must not carry an id: the server assigns it.");
  }
  const id =
    faults.has("accept-client-id") && typeof consent.id === "string"
      ? consent.id
      : context.ids.consentId();
  const version = newVersion(consent, id, context.ids.firstVersion(), context);
  if (faults.has("accept-duplicate")) version.key.purpose += `|${id}`;
  const outcome = store.create(version);
  if (!outcome.ok) {
    throw duplicateRejected(version.key.patient, outcome.existingId, "update it instead");
  }
  return writeReply(
    faults.has("create-returns-200") ? 200 : 201,
    outcome.version,
    request,
    context,
  );
};
