import type { SpineCode } from "../fhir/index.js";
import { type OutcomeIssueCode, SpineError } from "./spine-outcome.js";

/** Where an answer comes from: a row of the table in contract section 6 (1 to 8, in order), or elsewhere. */
export type AnswerSource =
  | 1
  | 2
  | 3
  | 4
  | 5
  | 6
  | 7
  | 8
  | "contract section 5"
  | "HTTP"
  | "sandbox";

/** One error answer of the sandbox: an HTTP status, a FHIR issue type and a Spine code. */
export interface SpineAnswer {
  status: number;
  issueCode: OutcomeIssueCode;
  spineCode: SpineCode;
  source: AnswerSource;
  when: string;
}

/**
 * Every error answer the sandbox gives: contract section 6 as one table (src/sandbox/spine-errors.test.ts
 * walks it against docs/contract.md), followed by the answers the table does not cover (HTTP
 * statuses for paths, methods and media types, the sandbox's own limits and routes). Handlers and
 * checks never spell out a status or a code: they name a row through the builders below.
 */
export const SPINE_ERRORS = {
  resourceIdFail: {
    ...answer(405, "forbidden", "MSG_RESOURCE_ID_FAIL", 1),
    when: "a create whose body carries an id; a PUT to an unknown id when updateUnknownId is 405 ([choice])",
  },
  duplicateRejected: {
    ...answer(422, "duplicate", "DUPLICATE_REJECTED", 2),
    when: "a create or update that would give a patient, policy and purpose a second Consent",
  },
  messageNotWellFormed: {
    ...answer(400, "structure", "MESSAGE_NOT_WELL_FORMED", 3),
    when: "a body that cannot be read, nests too deep or is cut short",
  },
  invalidResource: {
    ...answer(422, "invalid", "INVALID_RESOURCE", 4),
    when: "a body that is not a Consent, or breaks a rule with no more precise code",
  },
  invalidStructure: {
    ...answer(422, "structure", "INVALID_RESOURCE", 4),
    when: "a Consent with an element missing or repeated against NDOP-Consent-1",
  },
  invalidNhsNumber: {
    ...answer(422, "value", "INVALID_NHS_NUMBER", 4),
    when: "a Consent naming an NHS number with a wrong check digit",
  },
  invalidCodeSystem: {
    ...answer(422, "value", "INVALID_CODE_SYSTEM", 4),
    when: "a coding in a system other than the one NDOP-Consent-1 fixes",
  },
  invalidCodeValue: {
    ...answer(422, "value", "INVALID_CODE_VALUE", 4),
    when: "a code outside the value set it is bound to",
  },
  invalidFieldValue: {
    ...answer(422, "value", "INVALID_VALUE", 4),
    when: "a field with a value NDOP-Consent-1 or a business rule refuses (also an update moving a Consent to another patient)",
  },
  conflictingValues: {
    ...answer(422, "invalid", "CONFLICTING_VALUES", 4),
    when: "a Consent with both a consentingParty and a proxy",
  },
  invalidElement: {
    ...answer(422, "structure", "INVALID_ELEMENT", 4),
    when: "a Consent carrying an element NDOP-Consent-1 forbids or FHIR does not define",
  },
  constraintViolation: {
    ...answer(422, "invalid", "FHIR_CONSTRAINT_VIOLATION", 4),
    when: "a Consent breaking a FHIR invariant",
  },
  noRecordFound: {
    ...answer(404, "not-found", "NO_RECORD_FOUND", 5),
    when: "an update, instance history or vread of an id or version that does not exist",
  },
  invalidValue: {
    ...answer(400, "invalid", "INVALID_VALUE", 6),
    when: "an update whose body id is not the id in the URL, or whose If-Match is not an ETag",
  },
  requestTypeNotSupported: {
    ...answer(400, "not-supported", "INVALID_REQUEST_TYPE", 7),
    when: "read, delete, or search when search is off",
  },
  parameterNotSupported: {
    ...answer(400, "not-supported", "INVALID_PARAMETER", 7),
    when: "a parameter the interaction does not take, a patient parameter missing or repeated, an unknown _format",
  },
  missingOrInvalidHeader: {
    ...answer(400, "security", "MISSING_OR_INVALID_HEADER", 8),
    when: "an Ssp-* or Authorization header missing or malformed",
  },
  accessDenied: {
    ...answer(403, "security", "ACCESS DENIED", 8),
    when: "a well-formed JWT that is refused; an admin request without the admin token",
  },
  asidCheckFailed: {
    ...answer(403, "security", "ASID_CHECK_FAILED", 8),
    when: "an ASID that is not authorised, or a requesting_system that is not Ssp-From",
  },
  accessDeniedSsl: {
    ...answer(403, "security", "ACCESS_DENIED_SSL", 8),
    when: "mutual TLS without a trusted client certificate",
  },
  invalidParameter: {
    ...answer(400, "invalid", "INVALID_PARAMETER", "contract section 5"),
    when: "a patient parameter that is not a PDS reference with a valid NHS number",
  },
  versionMismatch: {
    ...answer(412, "conflict", "INVALID_REQUEST_STATE", "HTTP"),
    when: "an update whose If-Match names a version that is not the current one",
  },
  pathNotServed: {
    ...answer(404, "not-found", "INVALID_REQUEST_TYPE", "HTTP"),
    when: "a path outside the FHIR base or not an NDOP API path",
  },
  methodNotAllowed: {
    ...answer(405, "not-supported", "INVALID_REQUEST_TYPE", "HTTP"),
    when: "a known path with a method it does not take (with an Allow header)",
  },
  bodyTooLarge: {
    ...answer(413, "too-costly", "MESSAGE_NOT_WELL_FORMED", "HTTP"),
    when: "a body over the sandbox's byte or node limit",
  },
  unsupportedMediaType: {
    ...answer(415, "not-supported", "MESSAGE_NOT_WELL_FORMED", "HTTP"),
    when: "a body whose Content-Type is not a FHIR (or, for admin routes, JSON) media type",
  },
  seedDuplicate: {
    ...answer(409, "duplicate", "DUPLICATE_REJECTED", "sandbox"),
    when: "test data seeded for a preference the sandbox already holds",
  },
  internalFault: {
    ...answer(500, "exception", "INVALID_REQUEST_STATE", "sandbox"),
    when: "the sandbox itself failed (a disk or store error)",
  },
} as const satisfies Record<string, SpineAnswer>;

export type SpineErrorName = keyof typeof SPINE_ERRORS;

function answer<S extends number, I extends OutcomeIssueCode, C extends SpineCode>(
  status: S,
  issueCode: I,
  spineCode: C,
  source: AnswerSource,
) {
  return { status, issueCode, spineCode, source };
}

/** The answer named `name` in SPINE_ERRORS, with what went wrong in this request. */
export function spineError(
  name: SpineErrorName,
  diagnostics: string,
  headers: Record<string, string> = {},
): SpineError {
  const { status, issueCode, spineCode } = SPINE_ERRORS[name];
  return new SpineError(status, issueCode, spineCode, diagnostics, headers);
}

export const resourceIdFail = (diagnostics: string) => spineError("resourceIdFail", diagnostics);

/** A second live Consent for a patient, policy and purpose; `instead` says what to do. */
export const duplicateRejected = (patient: string, existingId: string, instead: string) =>
  spineError(
    "duplicateRejected",
    `Patient ${patient} already has a Consent for this policy and purpose (${existingId}); ${instead}.`,
  );

export const messageNotWellFormed = (diagnostics: string) =>
  spineError("messageNotWellFormed", diagnostics);

export const invalidResource = (diagnostics: string) => spineError("invalidResource", diagnostics);

/** `what` names the missing thing: "Consent with id …", "version 2 of Consent …". */
export const noRecordFound = (what: string) => spineError("noRecordFound", `No ${what}.`);

export const invalidValue = (diagnostics: string) => spineError("invalidValue", diagnostics);

export const requestTypeNotSupported = (diagnostics: string) =>
  spineError("requestTypeNotSupported", diagnostics);

export const parameterNotSupported = (diagnostics: string) =>
  spineError("parameterNotSupported", diagnostics);

export const invalidParameter = (diagnostics: string) =>
  spineError("invalidParameter", diagnostics);

/** `header` is missing or malformed; `requirement` completes "it …". */
export const missingOrInvalidHeader = (header: string, requirement: string) =>
  spineError("missingOrInvalidHeader", `${header} is missing or invalid: it ${requirement}.`);

export const accessDenied = (diagnostics: string) => spineError("accessDenied", diagnostics);

export const asidCheckFailed = (diagnostics: string) => spineError("asidCheckFailed", diagnostics);

export const accessDeniedSsl = (reason: string) =>
  spineError("accessDeniedSsl", `No trusted client certificate: ${reason}.`);

export const versionMismatch = (expected: string | undefined, current: string) =>
  spineError(
    "versionMismatch",
    `If-Match names version ${expected}, but the current version is ${current}.`,
  );

export const pathNotServed = (diagnostics: string) => spineError("pathNotServed", diagnostics);

export const methodNotAllowed = (method: string | undefined, path: string, allow: string) =>
  spineError("methodNotAllowed", `${method} is not allowed on ${path}; use ${allow}.`, {
    Allow: allow,
  });

export const bodyTooLarge = (diagnostics: string) => spineError("bodyTooLarge", diagnostics);

export const unsupportedMediaType = (diagnostics: string) =>
  spineError("unsupportedMediaType", diagnostics);

export const seedDuplicate = (existingId: string) =>
  spineError(
    "seedDuplicate",
    `The sandbox already holds a Consent for that preference (${existingId}).`,
  );

export const internalFault = (message: string) =>
  spineError("internalFault", `The sandbox could not complete the request: ${message}`);
