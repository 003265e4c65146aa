/*
 * The Spine-ErrorOrWarningCode-1 code system, as the contract uses it. Here, not in the sandbox
 * that answers with these codes, because fixtures name them too: the suites' worker then loads
 * the code table, not the whole sandbox.
 */

export const SPINE_CODE_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1";

/** The Spine codes the NDOP API answers with (contract section 6), with their displays. */
export const SPINE_CODES = {
  MSG_RESOURCE_ID_FAIL: "Client is not permitted to assign an id",
  DUPLICATE_REJECTED: "Create would lead to creation of a duplicate resource",
  MESSAGE_NOT_WELL_FORMED: "Message not well formed",
  INVALID_RESOURCE: "Invalid validation of resource",
  INVALID_NHS_NUMBER: "Invalid NHS number",
  INVALID_CODE_SYSTEM: "Invalid code system",
  INVALID_CODE_VALUE: "Invalid code value",
  INVALID_VALUE: "An input field has an invalid value for its type",
  CONFLICTING_VALUES: "Conflicting values have been specified in different fields",
  INVALID_ELEMENT: "Invalid element",
  FHIR_CONSTRAINT_VIOLATION: "FHIR constraint violated",
  NO_RECORD_FOUND: "No record found",
  INVALID_REQUEST_TYPE: "The type of request is not supported by the API call",
  INVALID_PARAMETER: "Invalid parameter",
  MISSING_OR_INVALID_HEADER: "There is a required header missing or invalid",
  "ACCESS DENIED": "Access has been denied to process this request",
  ASID_CHECK_FAILED: "The sender or receiver's ASID is not authorised for this interaction",
  ACCESS_DENIED_SSL: "SSL Protocol or Cipher requirements not met",
  INVALID_REQUEST_STATE:
    "The request exists but is not in an appropriate state for the call to succeed",
} as const;

export type SpineCode = keyof typeof SPINE_CODES;
