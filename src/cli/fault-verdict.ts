import type { RunSummary } from "../report/index.js";
import type { FaultPlan } from "./fault-plans.js";
import { firstLine, notJudged } from "./sweep-verdicts.js";

export type FaultVerdictKind = "caught" | "survived" | "not judged";

export interface FaultVerdict {
  kind: FaultVerdictKind;
  /** The check that caught it and what it saw, or why it survived or went unjudged. */
  evidence: string;
}

/**
 * Whether the checks caught a fault mode, as `run` would have said it: a broken SHALL makes a
 * check citing it fail (exit 1); a broken SHOULD makes one warn while every check still passes
 * (exit 0), since a SHOULD never fails a run without --strict.
 */
export function faultVerdict(plan: FaultPlan, summary: RunSummary): FaultVerdict {
  const ran = `${summary.counts.total} check(s) ran`;
  const unjudged = notJudged(summary);
  if (unjudged) return unjudged;
  const cites = (entry: { requirements: string[] }) =>
    entry.requirements.includes(plan.requirement);
  const failed = summary.counts.failed + summary.counts.blocked;
  if (plan.level === "SHALL") {
    const caught = summary.failures.find(cites);
    return caught
      ? { kind: "caught", evidence: `${caught.checkId} failed: ${firstLine(caught.failure)}` }
      : { kind: "survived", evidence: `no check citing ${plan.requirement} failed (${ran})` };
  }
  const broke = summary.failures[0];
  if (failed > 0)
    return {
      kind: "survived",
      evidence: broke
        ? `${broke.checkId} failed, but a broken SHOULD must only warn: ${firstLine(broke.failure)}`
        : `${summary.counts.blocked} check(s) blocked, but a broken SHOULD must only warn`,
    };
  const warned = summary.warnings.find(cites);
  return warned
    ? { kind: "caught", evidence: `${warned.checkId} warned: ${firstLine(warned.warnings[0])}` }
    : { kind: "survived", evidence: `no check citing ${plan.requirement} warned (${ran})` };
}
