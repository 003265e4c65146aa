import type { Handler } from "../context.js";
import { readInboundConsent } from "../inbound-consent.js";
import { requestFormat } from "../media-types.js";
import { SpineError } from "../spine-outcome.js";
import { expectedVersion, newVersion, writeReply } from "./versioning.js";

/** PUT [base]/Consent/[id] (contract section 5, row 3): the whole Consent, a new version. */
export const updateConsent: Handler = (request, context) => {
  const { faults, store, settings } = context;
  const id = request.segments[1] as string;
  const consent = readInboundConsent(
    request.body,
    requestFormat(request.headers["content-type"]),
    context.validator,
    faults,
  );
  const current = store.current(id);
  if (current === undefined && faults.has("update-unknown-creates")) {
    const created = store.create(newVersion(consent, id, context.ids.firstVersion(), context));
    if (created.ok) return writeReply(201, created.version, request, context);
  }
  if (current === undefined) {
    if (settings.updateUnknownId === 405) {
      throw new SpineError(
        405,
        "forbidden",
        "MSG_RESOURCE_ID_FAIL",
        `Consent ${id} does not exist: create it with POST, not PUT.`,
      );
    }
    throw new SpineError(404, "not-found", "NO_RECORD_FOUND", `No Consent with id ${id}.`);
  }
  if (consent.id !== id && !faults.has("update-ignores-id-mismatch")) {
    const found = consent.id === undefined ? "no id" : `id ${String(consent.id)}`;
    throw new SpineError(
      400,
      "invalid",
      "INVALID_VALUE",
      `The Consent in the body has ${found}; an update must carry the id of the URL, ${id}.`,
    );
  }
  const expected = faults.has("update-ignores-if-match") ? undefined : expectedVersion(request);
  const versionId = faults.has("update-reuses-version-id")
    ? current.versionId
    : context.ids.nextVersion(current.versionId);
  const outcome = store.update(newVersion(consent, id, versionId, context), expected);
  if (!outcome.ok && outcome.reason === "version-conflict") {
    throw new SpineError(
      412,
      "conflict",
      "INVALID_REQUEST_STATE",
      `If-Match names version ${expected}, but the current version is ${outcome.currentVersionId}.`,
    );
  }
  if (!outcome.ok)
    throw new SpineError(404, "not-found", "NO_RECORD_FOUND", `No Consent with id ${id}.`);
  const reply = writeReply(200, outcome.version, request, context);
  if (faults.has("update-changes-id") && reply.resource) {
    const otherId = context.ids.consentId();
    reply.resource = { ...reply.resource, id: otherId };
    if (reply.headers?.Location)
      reply.headers.Location = reply.headers.Location.replace(id, otherId);
  }
  return reply;
};
