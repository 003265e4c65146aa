import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckResult, RunSummary } from "./check-result.js";

export function summarise(
  checks: CheckResult[],
  runErrors: string[],
  run: { environment: string; baseUrl: string; startedAt: Date },
): RunSummary {
  const suites: RunSummary["suites"] = {};
  for (const check of checks) {
    const counts = suites[check.suite] ?? { passed: 0, failed: 0, skipped: 0 };
    counts[check.state] += 1;
    suites[check.suite] = counts;
  }
  const count = (state: CheckResult["state"]) =>
    checks.filter((check) => check.state === state).length;
  return {
    environment: run.environment,
    baseUrl: run.baseUrl,
    startedAt: run.startedAt.toISOString(),
    durationMs: Date.now() - run.startedAt.getTime(),
    counts: {
      passed: count("passed"),
      failed: count("failed"),
      skipped: count("skipped"),
      total: checks.length,
    },
    suites,
    failures: checks
      .filter((check) => check.state === "failed")
      .map(({ checkId, title, failure, requirements }) => ({
        checkId,
        title,
        requirements,
        failure: firstLines(failure ?? ""),
      })),
    runErrors,
    checks,
  };
}

/** reports/summary.json and reports/summary.md. */
export function writeSummary(summary: RunSummary, reportsDir: string): void {
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(reportsDir, "summary.md"), renderMarkdown(summary));
}

export function renderMarkdown(summary: RunSummary): string {
  const { counts } = summary;
  const lines = [
    `# NDOP conformance run: ${summary.environment}`,
    "",
    `Target ${summary.baseUrl}, started ${summary.startedAt}, ${(summary.durationMs / 1000).toFixed(1)} s.`,
    "",
    `**${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped** of ${counts.total} checks.`,
    "",
    "| suite | passed | failed | skipped |",
    "| --- | --- | --- | --- |",
    ...Object.entries(summary.suites).map(
      ([suite, c]) => `| ${suite} | ${c.passed} | ${c.failed} | ${c.skipped} |`,
    ),
    "",
  ];
  if (summary.failures.length > 0) {
    lines.push("## Failures", "");
    for (const failure of summary.failures)
      lines.push(
        `- \`${failure.checkId}\` ${failure.title}: ${failure.failure} (${failure.requirements.join(", ")})`,
      );
    lines.push("");
  }
  if (summary.runErrors.length > 0)
    lines.push(
      "## Errors outside the checks",
      "",
      ...summary.runErrors.map((error) => `- ${error}`),
      "",
    );
  const skipped = summary.checks.filter((check) => check.state === "skipped");
  if (skipped.length > 0)
    lines.push(
      "## Skipped",
      "",
      ...skipped.map((check) => `- \`${check.checkId}\`: ${check.skipReason ?? "skipped"}`),
      "",
    );
  return `${lines.join("\n")}\n`;
}

/** The lines of a console summary: counts per suite, then each failure's first line. */
export function renderConsole(summary: RunSummary): string {
  const { counts } = summary;
  const lines = [
    `NDOP conformance against ${summary.environment} (${summary.baseUrl}): ${(summary.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const [suite, c] of Object.entries(summary.suites))
    lines.push(
      `  ${suite.padEnd(12)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`,
    );
  for (const failure of summary.failures)
    lines.push(`  FAILED ${failure.checkId}: ${failure.failure}`);
  for (const error of summary.runErrors) lines.push(`  ERROR ${error}`);
  lines.push(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return `${lines.join("\n")}\n`;
}

function firstLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, 3)
    .join(" / ");
}
