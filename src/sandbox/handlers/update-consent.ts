import type { JsonObject } from "../../fhir/index.js";
import type { Handler, SandboxContext, SandboxReply, SandboxRequest } from "../context.js";
import { readInboundConsent } from "../inbound-consent.js";
import {
  duplicateRejected,
  invalidValue,
  noRecordFound,
  resourceIdFail,
  spineError,
  versionMismatch,
} from "../spine-errors.js";
import { SpineError } from "../spine-outcome.js";
import type { UpdateOutcome } from "../store/index.js";
import { expectedVersion, newVersion, underPreferenceRule, writeReply } from "./versioning.js";

/** PUT [base]/Consent/[id] (contract section 5, row 3): the whole Consent, a new version. */
export const updateConsent: Handler = (request, context) => {
  const { rules, store, settings } = context;
  const id = request.segments[1] as string;
  const consent = readInboundConsent(
    request.body,
    request.headers["content-type"],
    context.validator,
    rules,
  );
  if (consent instanceof SpineError) return consent;
  const currentVersionId = store.currentVersionId(id);
  if (currentVersionId === undefined) return updateOfUnknownId(consent, request, context);
  if (consent.id !== id && rules.enforces("update-id-matches-url")) {
    const found = consent.id === undefined ? "no id" : `id ${String(consent.id)}`;
    return invalidValue(
      `The Consent in the body has ${found}; an update must carry the id of the URL, ${id}.`,
    );
  }
  const honoursIfMatch = rules.enforces("if-match-honoured") && settings.ifMatch !== "ignored";
  const expected = honoursIfMatch ? expectedVersion(request) : undefined;
  if (expected instanceof SpineError) return expected;
  const versionId = rules.enforces("new-version-id")
    ? context.ids.nextVersion(currentVersionId)
    : currentVersionId;
  const version = underPreferenceRule(newVersion(consent, id, versionId, context), rules);
  const outcome = store.update(version, expected);
  if (!outcome.ok) return refusal(outcome, id, version.key.patient, expected);
  return writeReply(200, outcome.version, request, context);
};

/** A PUT to an id that does not exist: 404, or 405 by the setting ([choice] of section 6). */
function updateOfUnknownId(
  consent: JsonObject,
  request: SandboxRequest,
  context: SandboxContext,
): SandboxReply | SpineError {
  const id = request.segments[1] as string;
  if (!context.rules.enforces("no-update-create")) {
    const created = context.store.create(
      newVersion(consent, id, context.ids.firstVersion(), context),
    );
    if (created.ok) return writeReply(201, created.version, request, context);
  }
  return context.settings.updateUnknownId === 405
    ? resourceIdFail(`Consent ${id} does not exist: create it with POST, not PUT.`)
    : noRecordFound(`Consent with id ${id}`);
}

/** The contract's answer to an update the store refused (sections 6 and 8). */
function refusal(
  outcome: Exclude<UpdateOutcome, { ok: true }>,
  id: string,
  patient: string,
  expected: string | undefined,
): SpineError {
  switch (outcome.reason) {
    case "version-conflict":
      return versionMismatch(expected, outcome.currentVersionId);
    case "duplicate":
      return duplicateRejected(patient, outcome.existingId, "update that one instead");
    case "patient-changed":
      // Section 5 row 3: an update is a new version of the same Consent, and a Consent is one
      // patient's preference (section 8: one live Consent per patient, policy and purpose; the id
      // never changes). A body naming another patient breaks that business rule, which section 6
      // answers with 422 and the most precise code: INVALID_VALUE (issue type value) for the
      // patient element, as the validator's own value rules are answered.
      return spineError(
        "invalidFieldValue",
        `Consent.patient: Consent ${id} belongs to ${outcome.currentPatient}; an update cannot move it to ${patient}. Create a Consent for that patient instead.`,
      );
    default:
      return noRecordFound(`Consent with id ${id}`);
  }
}
