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
  | "NOT_FHIR_ENDPOINT"
  | "ENVIRONMENT_UNAVAILABLE"
  | "PRODUCTION_WRITE_REFUSED"
  | "REAL_NHS_NUMBER_REFUSED"
  | "TRANSPORT"
  | "STORE_UNAVAILABLE"
  | "PATIENT_CHOICE_FAILED"
  | "PATIENTS_EXHAUSTED"
  | "PACT_RECORDING_FAILED"
  | "PROVIDER_STATE_FAILED"
  | "REPORTS_FOLDER_BUSY";

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
  /** What is wrong, without the file. */
  readonly problem: string;
  constructor(file: string, problem: string) {
    super("FIXTURE_INVALID", `${file}: ${problem}`, { file });
    this.name = "FixtureError";
    this.problem = problem;
  }
}

/** One thing wrong in a fixture or template: the file, the field at fault (if any) and what is wrong. */
export interface FixtureProblem {
  file: string;
  field?: string;
  problem: string;
}

/** The line a problem is shown as: `file: field steps.0.expect.checks.1: unknown check …`. */
export function fixtureProblemLine({ file, field, problem }: FixtureProblem): string {
  return field === undefined ? `${file}: ${problem}` : `${file}: field ${field}: ${problem}`;
}

/** Every problem found in a folder of fixtures and templates, so that all are fixed in one pass. */
export class FixtureSetError extends ConformanceError {
  readonly problems: readonly FixtureProblem[];
  constructor(problems: FixtureProblem[]) {
    const lines = problems.map(fixtureProblemLine);
    super(
      "FIXTURE_INVALID",
      lines.length === 1
        ? (lines[0] as string)
        : `The fixtures have ${lines.length} problems:\n- ${lines.join("\n- ")}`,
      { problems },
    );
    this.name = "FixtureSetError";
    this.problems = problems;
  }

  /** One line per problem. */
  get lines(): string[] {
    return this.problems.map(fixtureProblemLine);
  }
}

/** A resource edit whose path is malformed, forbidden (`__proto__`, …) or leads nowhere. */
export class EditPathError extends ConformanceError {
  constructor(path: string, problem: string) {
    super("FIXTURE_INVALID", `edit path "${path}" ${problem}`, { path });
    this.name = "EditPathError";
  }
}

/** A {{variable}} in a fixture or template that has no value when the step is built. */
export class TemplateVariableError extends ConformanceError {
  constructor(name: string) {
    super("FIXTURE_INVALID", `no value for {{${name}}}`, { variable: name });
    this.name = "TemplateVariableError";
  }
}

/** The STU3 base definitions lack something the validator is built on (an invariant, a type). */
export class DefinitionsError extends ConformanceError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("DEFINITIONS_UNAVAILABLE", message, context);
    this.name = "DefinitionsError";
  }
}

/** A request that got no HTTP answer (refused, timed out, TLS failed); wraps undici's error. */
export class TransportError extends ConformanceError {
  constructor(message: string, context: Record<string, unknown>, cause: unknown) {
    super("TRANSPORT", message, context, { cause });
    this.name = "TransportError";
  }
}

/** A request the Production guard (src/safety) stopped before it was sent. */
export class ProductionGuardError extends ConformanceError {
  constructor(
    code: "PRODUCTION_WRITE_REFUSED" | "REAL_NHS_NUMBER_REFUSED",
    message: string,
    context: Record<string, unknown>,
  ) {
    super(code, message, context);
    this.name = "ProductionGuardError";
  }
}

/** A consumer interaction the Pact mock server did not confirm, or a provider state not built. */
export class PactError extends ConformanceError {
  constructor(
    code: "PACT_RECORDING_FAILED" | "PROVIDER_STATE_FAILED",
    message: string,
    context: Record<string, unknown> = {},
  ) {
    super(code, message, context);
    this.name = "PactError";
  }
}

export function isConformanceError(error: unknown): error is ConformanceError {
  return error instanceof ConformanceError;
}
