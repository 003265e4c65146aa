import type { Requirement } from "./requirements.js";

export interface RequirementCoverage extends Requirement {
  /** Fixture ids that cite the requirement. */
  verifiedBy: string[];
  /** Sandbox fault modes that break exactly this requirement (the proof the checks have power). */
  faultModes: string[];
}

/** A fault mode of the sandbox's catalogue, by the requirement key it breaks. */
export interface FaultCitation {
  name: string;
  requirement: string;
}

export function requirementCoverage(
  requirements: Requirement[],
  citations: { id: string; requirements: string[] }[],
  // Stryker disable next-line ArrayDeclaration: a default entry that is no FaultCitation names no requirement key, so it matches nothing
  faults: FaultCitation[] = [],
): RequirementCoverage[] {
  return requirements.map((requirement) => ({
    ...requirement,
    verifiedBy: citations
      .filter((fixture) => fixture.requirements.includes(requirement.key))
      .map((fixture) => fixture.id),
    faultModes: faults
      .filter((fault) => fault.requirement === requirement.key)
      .map((fault) => fault.name),
  }));
}

/** Keys that fixtures cite but requirements.csv does not define: a typo, or a missing row. */
export function unknownCitations(
  requirements: Requirement[],
  citations: { id: string; requirements: string[] }[],
): string[] {
  const known = new Set(requirements.map((requirement) => requirement.key));
  return citations.flatMap((fixture) =>
    fixture.requirements
      .filter((key) => !known.has(key))
      .map((key) => `${fixture.id} cites ${key}`),
  );
}

/**
 * SHALLs that fixtures check but no fault mode breaks: nothing shows those checks would catch a
 * server that breaks them. Requirements verified elsewhere (not by fixtures) are not gaps here.
 */
export function faultModeGaps(coverage: RequirementCoverage[]): RequirementCoverage[] {
  return coverage.filter(
    (entry) =>
      entry.level === "SHALL" && entry.verifiedElsewhere === "" && entry.faultModes.length === 0,
  );
}

export function renderCoverage(coverage: RequirementCoverage[]): string {
  const verified = coverage.filter((entry) => entry.verifiedBy.length > 0);
  const gaps = faultModeGaps(coverage);
  const shall = coverage.filter((entry) => entry.level === "SHALL").length;
  const lines = [
    `${verified.length} of ${coverage.length} requirements (${shall} SHALL, ${coverage.length - shall} SHOULD or MAY) are verified by conformance checks.`,
    "",
  ];
  for (const entry of coverage) {
    const status =
      entry.verifiedBy.length > 0
        ? `checks: ${entry.verifiedBy.join(", ")}`
        : entry.verifiedElsewhere
          ? entry.verifiedElsewhere
          : "NOT VERIFIED";
    lines.push(`${entry.key.padEnd(17)} §${entry.section} ${entry.level.padEnd(6)} ${status}`);
    if (entry.faultModes.length > 0)
      lines.push(`${"".padEnd(27)} fault modes: ${entry.faultModes.join(", ")}`);
  }
  lines.push(
    "",
    gaps.length === 0
      ? "Every SHALL checked by fixtures has a fault mode that breaks it."
      : `Gaps: ${gaps.length} SHALL(s) without a fault mode: ${gaps.map((entry) => entry.key).join(", ")}`,
  );
  return `${lines.join("\n")}\n`;
}
