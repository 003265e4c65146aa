import type { RunSummary } from "../report/index.js";
import { ExitCode } from "./exit-codes.js";

/** What a sweep (`faults`, `variants`) says of one run: as it must be, not, or not judged. */
export interface SweepVerdict {
  kind: string;
  /** What the run saw that decided it. */
  evidence: string;
}

/** How many verdicts are of a kind. */
export function counter(verdicts: readonly SweepVerdict[]): (kind: string) => number {
  return (kind) => verdicts.filter((verdict) => verdict.kind === kind).length;
}

/** 2 when a run could not be judged, 1 when one went `wrong`, else 0. */
export function sweepExitCode(verdicts: readonly SweepVerdict[], wrong: string): ExitCode {
  const count = counter(verdicts);
  if (count("not judged") > 0) return ExitCode.CouldNotRun;
  if (count(wrong) > 0) return ExitCode.Failed;
  return ExitCode.Passed;
}

/** A run's line as it is judged: the verdict (in capitals unless `right`), what ran, the evidence. */
export function verdictLine(verdict: SweepVerdict, right: string, label: string): string {
  const mark = verdict.kind === right ? right : verdict.kind.toUpperCase();
  return `  ${mark.padEnd(11)} ${label}: ${verdict.evidence}\n`;
}

/** A run that broke, or ran no check, is not judged: never a pass, and never a verdict on it. */
export function notJudged(
  summary: RunSummary,
): { kind: "not judged"; evidence: string } | undefined {
  if (summary.runErrors.length > 0)
    return { kind: "not judged", evidence: `the run broke: ${firstLine(summary.runErrors[0])}` };
  if (summary.counts.total === 0) return { kind: "not judged", evidence: "no check ran" };
  return undefined;
}

/** What a run's JSON entry gives of its summary, in `faults` and `variants` alike. */
export function summaryJson(summary: RunSummary) {
  const { counts, failures, warnings, blocked, runErrors } = summary;
  return { counts, failures, warnings, blocked, runErrors };
}

/** A failure's or warning's first line: the broken behaviour. */
export function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0] ?? "";
}
