import type { RunSummary } from "../report/index.js";
import type { SandboxVariant } from "../sandbox/index.js";
import { firstLine, notJudged } from "./sweep-verdicts.js";

export type VariantVerdictKind = "passed" | "false alarm" | "not judged";

export interface VariantVerdict {
  kind: VariantVerdictKind;
  /** What the run saw: its checks, or the first false alarm, or why it went unjudged. */
  evidence: string;
}

type WarningEntry = RunSummary["warnings"][number];

/**
 * Whether the suite judged a conforming variant as it must: nothing failed or blocked, and every
 * warning is one the variant implies (a known defect it makes visible, or a SHOULD it forgoes).
 * Anything else is a false alarm: the suite would fail a server for a freedom it has.
 */
export function variantVerdict(variant: SandboxVariant, summary: RunSummary): VariantVerdict {
  const unjudged = notJudged(summary);
  if (unjudged) return unjudged;
  const failed = summary.failures[0];
  if (failed)
    return {
      kind: "false alarm",
      evidence: `${failed.checkId} failed: ${firstLine(failed.failure)}`,
    };
  const blocked = summary.blocked[0];
  if (blocked)
    return { kind: "false alarm", evidence: `${blocked.checkId} blocked: ${blocked.blockedBy}` };
  const implied = summary.warnings.flatMap((entry) =>
    entry.warnings.map((warning) => ({
      entry,
      warning,
      implied: isImplied(variant, entry, warning),
    })),
  );
  const alarm = implied.find((each) => !each.implied);
  if (alarm)
    return {
      kind: "false alarm",
      evidence: `${alarm.entry.checkId} warned, which the variant does not imply: ${firstLine(alarm.warning)}`,
    };
  const warned = implied.length
    ? `${implied.length} warning(s), each one the variant implies`
    : "no warning";
  return { kind: "passed", evidence: `${summary.counts.total} check(s) ran, ${warned}` };
}

function isImplied(variant: SandboxVariant, entry: WarningEntry, warning: string): boolean {
  const expected = variant.impliedWarnings;
  if (expected === undefined) return false;
  if ("naming" in expected) return warning.includes(expected.naming);
  return entry.level === "SHOULD" && entry.requirements.includes(expected.citing);
}
