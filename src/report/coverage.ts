import type { Requirement } from "./requirements.js";

export interface RequirementCoverage extends Requirement {
  /** Fixture ids that cite the requirement. */
  verifiedBy: string[];
}

export function requirementCoverage(
  requirements: Requirement[],
  citations: { id: string; requirements: string[] }[],
): RequirementCoverage[] {
  return requirements.map((requirement) => ({
    ...requirement,
    verifiedBy: citations
      .filter((fixture) => fixture.requirements.includes(requirement.key))
      .map((fixture) => fixture.id),
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

export function renderCoverage(coverage: RequirementCoverage[]): string {
  const verified = coverage.filter((entry) => entry.verifiedBy.length > 0);
  const lines = [
    `${verified.length} of ${coverage.length} requirements are verified by conformance checks.`,
    "",
  ];
  for (const entry of coverage) {
    const status =
      entry.verifiedBy.length > 0
        ? `verified by ${entry.verifiedBy.join(", ")}`
        : entry.verifiedElsewhere
          ? entry.verifiedElsewhere
          : "NOT VERIFIED";
    lines.push(`${entry.key.padEnd(17)} §${entry.section} ${entry.level.padEnd(6)} ${status}`);
  }
  return `${lines.join("\n")}\n`;
}
