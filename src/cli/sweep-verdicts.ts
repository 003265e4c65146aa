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
