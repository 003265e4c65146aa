import {
  SPINE_CODE_SYSTEM,
  SPINE_CODES,
  SPINE_OUTCOME_PROFILE,
  type SpineCode,
} from "../fhir/index.js";

/** FHIR STU3 issue-type codes the sandbox answers with. */
export type OutcomeIssueCode =
  | "invalid"
  | "structure"
  | "required"
  | "value"
  | "invariant"
  | "code-invalid"
  | "business-rule"
  | "security"
  | "forbidden"
  | "duplicate"
  | "not-found"
  | "not-supported"
  | "too-costly"
  | "conflict"
  | "processing"
  | "exception";

/**
 * An error answer of the sandbox: an HTTP status and one Spine-OperationOutcome-1 issue, built
 * from the table of spine-errors.ts. Handlers and checks return it; the server writes it as the
 * response, so every error has the same shape.
 *
 * It is a reply value, not a thrown error, and so not part of the ConformanceError hierarchy:
 * it is the sandbox answering a request correctly, never a failure of the tool. It never leaves
 * the sandbox's HTTP server, so a stable error code would have no reader (the CLI never sees it,
 * and no exit code fits: the sandbox keeps serving). As a value, every refusal shows in the code
 * (`return noRecordFound(...)`) and in the types (`SandboxReply | SpineError`), and what is
 * thrown inside the sandbox is only what really failed: a store or disk error (answered 500) or
 * a ConformanceError for bad settings. The one way out, RunningSandbox.seed, turns a refusal into
 * a ConformanceError.
 */
export class SpineError {
  constructor(
    readonly status: number,
    readonly issueCode: OutcomeIssueCode,
    readonly spineCode: SpineCode,
    readonly diagnostics: string,
    readonly headers: Record<string, string> = {},
  ) {}

  /** One line: `404 NO_RECORD_FOUND: No Consent with id …`. */
  get message(): string {
    return `${this.status} ${this.spineCode}: ${this.diagnostics}`;
  }
}

export function operationOutcome(error: SpineError, id: string): Record<string, unknown> {
  return {
    resourceType: "OperationOutcome",
    id,
    meta: { profile: [SPINE_OUTCOME_PROFILE] },
    issue: [
      {
        severity: "error",
        code: error.issueCode,
        details: {
          coding: [
            {
              system: SPINE_CODE_SYSTEM,
              code: error.spineCode,
              display: SPINE_CODES[error.spineCode],
            },
          ],
        },
        diagnostics: error.diagnostics,
      },
    ],
  };
}
