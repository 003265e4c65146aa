/**
 * Every error this project throws on purpose carries a stable `code`; callers (above all the CLI)
 * branch on the code, never on the message.
 */
export type ErrorCode =
  | "USAGE"
  | "FILE_UNREADABLE"
  | "INPUT_TOO_LARGE"
  | "DEFINITIONS_UNAVAILABLE"
  | "PROFILES_INVALID"
  | "PROFILE_UNKNOWN";

export class ConformanceError extends Error {
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ConformanceError";
    this.code = code;
    this.context = context;
  }
}

/** A profile set that cannot be loaded or compiled (bad file, missing definition, cycle). */
export class ProfileSetError extends ConformanceError {
  constructor(
    message: string,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super("PROFILES_INVALID", message, context, options);
    this.name = "ProfileSetError";
  }
}

export function isConformanceError(error: unknown): error is ConformanceError {
  return error instanceof ConformanceError;
}
