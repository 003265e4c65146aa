import { readFileSync, writeFileSync } from "node:fs";
import { ConformanceError } from "../errors/index.js";
import type { CheckResult, CheckState } from "./check-result.js";

/** A recorded run: each check's outcome, and the failures known and accepted, each with a reason. */
export interface Baseline {
  recordedAt: string;
  environment: string;
  checks: Record<string, CheckState>;
  knownFailures: { checkId: string; reason: string }[];
}

export interface GateVerdict {
  /** Failing now, not known: these fail the gate. */
  newFailures: string[];
  /** Failing now, known with a reason: reported, not failing. */
  knownFailures: { checkId: string; reason: string }[];
  /** Known to fail but passing now: the baseline can be tightened. */
  fixed: string[];
  /** In the baseline but not run now (renamed or removed fixtures). */
  missing: string[];
  /** Passed (or warned) in the baseline, blocked now: a setup step broke. These fail the gate. */
  newlyBlocked: string[];
  /** Passed in the baseline, warn now (a SHOULD, never failing the gate: --strict makes it a failure). */
  newWarnings: string[];
  /** Passed (or warned) in the baseline, skipped now: reported, so a shrinking run is seen. */
  noLongerJudged: string[];
  /** Passed (or warned) in the baseline, not judged now (test patients ran out): these fail the gate. */
  newlyUnjudged: string[];
  passed: boolean;
}

export function recordBaseline(checks: CheckResult[], environment: string): Baseline {
  return {
    recordedAt: new Date().toISOString(),
    environment,
    checks: Object.fromEntries(checks.map((check) => [check.checkId, check.state])),
    knownFailures: checks
      .filter((check) => check.state === "failed")
      .map((check) => ({
        checkId: check.checkId,
        reason: `failing when recorded: ${(check.failure ?? "").split("\n")[0]}`,
      })),
  };
}

/**
 * The gate: a failure not known in the baseline fails it, and so does a check that was judged
 * (passed or warned) and is now blocked. Warnings never fail it: under --strict they arrive here
 * as failures already.
 */
export function compareWithBaseline(checks: CheckResult[], baseline: Baseline): GateVerdict {
  const known = new Map(baseline.knownFailures.map((entry) => [entry.checkId, entry.reason]));
  const failing = checks.filter((check) => check.state === "failed").map((check) => check.checkId);
  const ran = new Set(checks.map((check) => check.checkId));
  const newFailures = failing.filter((id) => !known.has(id));
  const wasJudged = (id: string) => ["passed", "warning"].includes(baseline.checks[id] ?? "");
  const now = (state: CheckResult["state"]) =>
    checks.filter((check) => check.state === state).map((check) => check.checkId);
  const newlyBlocked = now("blocked").filter(wasJudged);
  const unjudged = new Set(checks.filter((check) => check.notJudged).map((check) => check.checkId));
  const newlyUnjudged = [...unjudged].filter(wasJudged);
  return {
    newFailures,
    knownFailures: failing
      .filter((id) => known.has(id))
      .map((checkId) => ({ checkId, reason: known.get(checkId) as string })),
    // Fixed means judged and not failing: a known failure now blocked or skipped is not fixed.
    fixed: [...known.keys()].filter((id) => [...now("passed"), ...now("warning")].includes(id)),
    missing: Object.keys(baseline.checks).filter((id) => !ran.has(id)),
    newlyBlocked,
    newWarnings: now("warning").filter((id) => baseline.checks[id] === "passed"),
    noLongerJudged: now("skipped").filter((id) => wasJudged(id) && !unjudged.has(id)),
    newlyUnjudged,
    passed: newFailures.length === 0 && newlyBlocked.length === 0 && newlyUnjudged.length === 0,
  };
}

export function readBaseline(file: string): Baseline {
  let parsed: unknown;
  try {
    // Stryker disable next-line StringLiteral: without the encoding readFileSync gives a Buffer, which JSON.parse reads as UTF-8 text all the same
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `Baseline ${file} cannot be read: ${(error as Error).message}`,
      { file },
    );
  }
  const baseline = parsed as Partial<Baseline>;
  if (
    typeof baseline.checks !== "object" ||
    !Array.isArray(baseline.knownFailures) ||
    baseline.knownFailures.some((entry) => !entry?.checkId || !entry.reason)
  ) {
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `Baseline ${file} is not a baseline: it needs "checks" and "knownFailures" (each with checkId and reason).`,
      { file },
    );
  }
  return baseline as Baseline;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

export function renderVerdict(verdict: GateVerdict): string {
  const lines = [
    verdict.passed
      ? "Regression gate: passed (no new failures)."
      : `Regression gate: FAILED, ${verdict.newFailures.length} new failure(s), ${verdict.newlyBlocked.length} newly blocked${verdict.newlyUnjudged.length > 0 ? `, ${verdict.newlyUnjudged.length} newly not judged` : ""}.`,
  ];
  for (const id of verdict.newlyUnjudged)
    lines.push(
      `  newly not judged (passed in the baseline; the environment ran out of test patients): ${id}`,
    );
  for (const id of verdict.newFailures) lines.push(`  new failure: ${id}`);
  for (const id of verdict.newlyBlocked)
    lines.push(`  newly blocked (passed in the baseline): ${id}`);
  for (const id of verdict.newWarnings)
    lines.push(`  new warning (passed in the baseline; fails only with --strict): ${id}`);
  for (const id of verdict.noLongerJudged)
    lines.push(`  no longer judged (passed in the baseline, skipped now): ${id}`);
  for (const { checkId, reason } of verdict.knownFailures)
    lines.push(`  known failure: ${checkId} (${reason})`);
  for (const id of verdict.fixed)
    lines.push(`  fixed, remove from the baseline's knownFailures: ${id}`);
  for (const id of verdict.missing) lines.push(`  in the baseline but not run: ${id}`);
  return `${lines.join("\n")}\n`;
}
