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
  | "PROFILE_UNKNOWN"
  | "CONFIG_INVALID"
  | "FIXTURE_INVALID"
  | "TARGET_UNREACHABLE"
  | "TRANSPORT"
  | "STORE_UNAVAILABLE";

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

/** Settings that cannot be used: every problem found, one clear sentence each. */
export class ConfigError extends ConformanceError {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(
      "CONFIG_INVALID",
      problems.length === 1
        ? (problems[0] as string)
        : `The settings have ${problems.length} problems:\n- ${problems.join("\n- ")}`,
      { problems },
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** A fixture file that cannot be used, named with the field at fault. */
export class FixtureError extends ConformanceError {
  constructor(file: string, problem: string) {
    super("FIXTURE_INVALID", `${file}: ${problem}`, { file });
    this.name = "FixtureError";
  }
}

/** A request that got no HTTP answer (refused, timed out, TLS failed); wraps undici's error. */
export class TransportError extends ConformanceError {
  constructor(message: string, context: Record<string, unknown>, cause: unknown) {
    super("TRANSPORT", message, context, { cause });
    this.name = "TransportError";
  }
}

export function isConformanceError(error: unknown): error is ConformanceError {
  return error instanceof ConformanceError;
}
