import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type {
  CheckResult,
  CheckState,
  PatientUsage,
  RunSummary,
  StateCounts,
} from "./check-result.js";
import { renderTimings } from "./timings.js";

const STATES: readonly CheckState[] = ["passed", "warning", "failed", "blocked", "skipped"];

function countStates(checks: CheckResult[]): StateCounts {
  const counts = Object.fromEntries(STATES.map((state) => [state, 0])) as StateCounts;
  for (const check of checks) counts[check.state] += 1;
  return counts;
}

export function summarise(
  checks: CheckResult[],
  runErrors: string[],
  run: {
    environment: string;
    baseUrl: string;
    startedAt: Date;
    strict?: boolean;
    /** The pool at preflight (NDOP_PATIENTS), when there is one, and what a full run needs free. */
    pool?: PoolAtStart;
    tool?: RunSummary["tool"];
  },
): RunSummary {
  const suites: RunSummary["suites"] = {};
  for (const suite of new Set(checks.map((check) => check.suite)))
    suites[suite] = countStates(checks.filter((check) => check.suite === suite));
  return {
    environment: run.environment,
    baseUrl: run.baseUrl,
    startedAt: run.startedAt.toISOString(),
    durationMs: Date.now() - run.startedAt.getTime(),
    strict: run.strict ?? false,
    ...(run.tool ? { tool: run.tool } : {}),
    counts: { ...countStates(checks), total: checks.length },
    suites,
    failures: checks
      .filter((check) => check.state === "failed")
      .map(({ checkId, title, failure, requirements }) => ({
        checkId,
        title,
        requirements,
        failure: firstLines(failure ?? ""),
      })),
    warnings: checks
      .filter((check) => check.state === "warning")
      .map(({ checkId, title, requirements, level, warnings }) => ({
        checkId,
        title,
        requirements,
        level,
        warnings: warnings ?? [],
      })),
    blocked: checks
      .filter((check) => check.state === "blocked")
      .map(({ checkId, title, blockedBy }) => ({ checkId, title, blockedBy })),
    runErrors,
    notJudged: checks
      .filter((check) => check.notJudged)
      .map(({ checkId, title, level, notJudged }) => ({
        checkId,
        title,
        level,
        reason: notJudged as string,
      })),
    patients: patientUsage(checks, run.pool),
    checks,
  };
}

/** Patients consumed (summed over the checks), left free, and how many more full runs that allows. */
export interface PoolAtStart {
  size: number;
  freeBefore: number;
  /** Free patients a run needs: those it spends, and one shared by the cases that must not write. */
  needed: number;
}

export function patientUsage(checks: CheckResult[], pool: PoolAtStart | undefined): PatientUsage {
  const consumed = checks.reduce((sum, check) => sum + (check.patientsConsumed ?? 0), 0);
  if (!pool) return { consumed, pool: null, freeBefore: null, leftFree: null, runsLeft: null };
  const leftFree = Math.max(0, pool.freeBefore - consumed);
  return {
    consumed,
    pool: pool.size,
    freeBefore: pool.freeBefore,
    leftFree,
    // A run also needs the free patients it does not spend (the shared one) left over at its end.
    runsLeft:
      consumed > 0
        ? Math.max(0, Math.floor((leftFree - Math.max(0, pool.needed - consumed)) / consumed))
        : null,
  };
}

/** "Test patients: 4 consumed, 36 of 80 left free: at this rate 9 more full runs." */
export function patientLine(usage: PatientUsage): string {
  const consumed = `Test patients: ${usage.consumed} consumed`;
  if (usage.pool === null)
    return `${consumed} (free patients not counted: no NDOP_PATIENTS pool, or the embedded sandbox).`;
  const left = `${usage.leftFree} of ${usage.pool} left free`;
  return usage.runsLeft === null
    ? `${consumed}, ${left}.`
    : `${consumed}, ${left}: at this rate ${usage.runsLeft} more full run${usage.runsLeft === 1 ? "" : "s"}.`;
}

/** reports/summary.json and reports/summary.md. */
export function writeSummary(summary: RunSummary, reportsDir: string): void {
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(reportsDir, "summary.md"), renderMarkdown(summary));
}

export function renderMarkdown(summary: RunSummary): string {
  const lines = [...markdownHeader(summary)];
  for (const [heading, items] of markdownSections(summary))
    if (items.length > 0) lines.push(`## ${heading}`, "", ...items, "");
  lines.push(...renderTimings(summary.checks), ...toolLine(summary.tool));
  return `${lines.join("\n")}\n`;
}

function markdownHeader(summary: RunSummary): string[] {
  const { counts } = summary;
  return [
    `# NDOP conformance run: ${summary.environment}`,
    "",
    `Target ${summary.baseUrl}, started ${summary.startedAt}, ${(summary.durationMs / 1000).toFixed(1)} s.`,
    "",
    `**${countsLine(counts)}** of ${counts.total} checks${summary.strict ? " (--strict: warnings are failures)" : ""}.`,
    "",
    "JUnit shows warnings as passed (each with a `warning` property) and blocked checks as skipped (with a `blocked` property).",
    "",
    `| suite | ${STATES.join(" | ")} |`,
    `| --- |${STATES.map(() => " --- |").join("")}`,
    ...Object.entries(summary.suites).map(
      ([suite, c]) => `| ${suite} | ${STATES.map((state) => c[state]).join(" | ")} |`,
    ),
    "",
  ];
}

/** summary.md's sections in order, each a heading and its lines; an empty section is left out. */
function markdownSections(summary: RunSummary): [string, string[]][] {
  const skipped = summary.checks.filter((check) => check.state === "skipped");
  return [
    [
      "Failures",
      summary.failures.map(
        (failure) =>
          `- \`${failure.checkId}\` ${failure.title}: ${failure.failure} (${failure.requirements.join(", ")})`,
      ),
    ],
    [
      "Warnings (do not fail the run unless --strict)",
      summary.warnings.map(
        (warning) =>
          `- \`${warning.checkId}\` ${warning.title} (${warning.level}: ${warning.requirements.join(", ")}): ${warning.warnings.join(" / ")}`,
      ),
    ],
    [
      "Blocked (a setup step failed; the fault is reported by its own check)",
      summary.blocked.map((check) => `- \`${check.checkId}\`: ${check.blockedBy}`),
    ],
    ["Test patients", [patientLine(summary.patients)]],
    [
      "Not judged (the environment ran out of something; a not-judged SHALL exits 2 unless --allow-unjudged)",
      summary.notJudged.map((check) => `- \`${check.checkId}\` (${check.level}): ${check.reason}`),
    ],
    ["Errors outside the checks", summary.runErrors.map((error) => `- ${error}`)],
    ["Skipped", skipped.map((check) => `- \`${check.checkId}\`: ${check.skipReason ?? "skipped"}`)],
  ];
}

function toolLine(tool: RunSummary["tool"]): string[] {
  if (tool === undefined) return [];
  // Outside a git checkout the commit is "unknown", which reads "(commit unknown)".
  return [`Produced by ndop-conformance ${tool.version} (commit ${tool.commit}).`];
}

/** The lines of a console summary: counts per suite, then each failure's first line. */
export function renderConsole(summary: RunSummary): string {
  const { counts } = summary;
  const lines = [
    `NDOP conformance against ${summary.environment} (${summary.baseUrl}): ${(summary.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const [suite, c] of Object.entries(summary.suites))
    lines.push(`  ${suite.padEnd(12)} ${countsLine(c)}`);
  for (const failure of summary.failures)
    lines.push(`  FAILED ${failure.checkId}: ${failure.failure}`);
  for (const warning of summary.warnings)
    lines.push(`  WARNING ${warning.checkId} (${warning.level}): ${warning.warnings.join(" / ")}`);
  for (const check of summary.blocked) lines.push(`  BLOCKED ${check.checkId}: ${check.blockedBy}`);
  for (const error of summary.runErrors) lines.push(`  ERROR ${error}`);
  for (const check of summary.notJudged)
    lines.push(`  NOT JUDGED ${check.checkId} (${check.level}): ${check.reason}`);
  lines.push(countsLine(counts));
  lines.push(patientLine(summary.patients));
  return `${lines.join("\n")}\n`;
}

/** "5 passed, 1 warning, 0 failed, 2 blocked, 3 skipped". */
function countsLine(counts: StateCounts): string {
  return STATES.map((state) =>
    state === "warning"
      ? `${counts.warning} warning${counts.warning === 1 ? "" : "s"}`
      : `${counts[state]} ${state}`,
  ).join(", ");
}

function firstLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, 3)
    .join(" / ");
}
