import type { CheckResult } from "./check-result.js";

/** How many of the slowest checks summary.md names first. */
export const SLOWEST_SHOWN = 5;

/** The slowest checks that ran, slowest first (ties in check-id order, so the list is stable). */
export function slowestChecks(
  checks: readonly CheckResult[],
  count = SLOWEST_SHOWN,
): CheckResult[] {
  return checks
    .filter((check) => check.state !== "skipped")
    .sort((a, b) => b.durationMs - a.durationMs || a.checkId.localeCompare(b.checkId))
    .slice(0, count);
}

/** summary.md's timing sections: the slowest checks, then every check's time in run order. */
export function renderTimings(checks: readonly CheckResult[]): string[] {
  if (checks.length === 0) return [];
  const slowest = slowestChecks(checks);
  return [
    `## The ${slowest.length} slowest checks`,
    "",
    "| check | state | time |",
    "| --- | --- | --- |",
    ...slowest.map((check) => timingRow(check)),
    "",
    "## Time per check",
    "",
    "| check | state | time |",
    "| --- | --- | --- |",
    ...checks.map((check) => timingRow(check)),
    "",
  ];
}

function timingRow(check: CheckResult): string {
  return `| \`${check.checkId}\` | ${check.state} | ${formatMs(check.durationMs)} |`;
}

/** "12 ms" under a second, "1.25 s" above. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
