import { type RunConfig, SERVICE_HOURS, serviceHoursAt } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";
import type { RunSummary } from "../report/index.js";

/** Only the Spine environments keep service hours; the sandbox and custom targets never close. */
const SUPPORTED_HOURS_ONLY = new Set(["dev", "int", "dep", "prod"]);

/**
 * The time the service-hours rules are judged at: now, or NDOP_CLOCK (an ISO date-time), a test
 * and diagnostic setting read for this one purpose, so a closed hour can be tried at any hour.
 */
export function serviceClock(env: NodeJS.ProcessEnv = process.env): Date {
  const clock = env.NDOP_CLOCK;
  if (clock === undefined || clock === "") return new Date();
  const at = new Date(clock);
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(clock) ||
    Number.isNaN(at.getTime())
  )
    throw new ConformanceError(
      "CONFIG_INVALID",
      `NDOP_CLOCK "${clock}" is not an ISO date-time with a zone (for example 2026-11-28T12:00:00Z).`,
    );
  return at;
}

/** Why the target is closed now, or undefined when it is open, keeps no hours, or they are ignored. */
export function closedReason(config: RunConfig, ignore: boolean): string | undefined {
  if (ignore || !SUPPORTED_HOURS_ONLY.has(config.environment)) return undefined;
  const verdict = serviceHoursAt(serviceClock());
  return verdict.open ? undefined : verdict.reason;
}

export function serviceHoursWarning(environment: string, reason: string): string {
  return `ndop-conformance: warning: ${environment} is outside its service hours (${reason}; supported ${SERVICE_HOURS.description}). Failures to connect, timeouts and 5xx answers will be reported as environment unavailable, not judged (--ignore-service-hours judges them).\n`;
}

/** Preflight could not reach the target, or it answered 5xx, while closed: not a verdict. */
export function unavailableError(error: unknown, environment: string, reason: string): unknown {
  if (!(error instanceof ConformanceError)) return error;
  const unreachable = error.code === "TARGET_UNREACHABLE";
  const serverError =
    error.code === "NOT_FHIR_ENDPOINT" && /answered HTTP 5\d\d/.test(error.message);
  if (!unreachable && !serverError) return error;
  return new ConformanceError(
    "ENVIRONMENT_UNAVAILABLE",
    `${environment}: environment unavailable (outside service hours: ${reason}): ${error.message}`,
  );
}

/** A check that got no answer, timed out, or got a 5xx: what a closed environment looks like. */
const UNAVAILABLE = /got no answer|timed? ?out|(, got|answered HTTP) 5\d\d\b/i;

/** The checks of a run that look like a closed environment rather than a broken contract. */
export function unavailableChecks(summary: RunSummary): string[] {
  return [
    ...summary.failures.filter((check) => UNAVAILABLE.test(check.failure ?? "")),
    ...summary.blocked.filter((check) => UNAVAILABLE.test(check.blockedBy ?? "")),
  ].map((check) => check.checkId);
}

export function unavailableLine(environment: string, reason: string, checks: string[]): string {
  return `ndop-conformance: ${environment}: environment unavailable (outside service hours: ${reason}): ${checks.length} check(s) got no answer, timed out or got a 5xx answer; nothing was judged (exit 2; --ignore-service-hours judges them).\n`;
}
