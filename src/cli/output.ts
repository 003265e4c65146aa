import type { ValidationIssue, ValidationResult } from "../fhir/index.js";

/**
 * Colour only for a person at a terminal: NO_COLOR (any value) turns it off, FORCE_COLOR (other
 * than "0") turns it on, and a CI log or a pipe gets plain text.
 */
export function wantsColour(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.CI !== undefined && env.CI !== "" && env.CI !== "false") return false;
  return isTTY;
}

const useColour = wantsColour(process.env, process.stdout.isTTY === true);

function paint(code: number, text: string): string {
  return useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const colour = {
  red: (text: string) => paint(31, text),
  green: (text: string) => paint(32, text),
  yellow: (text: string) => paint(33, text),
  dim: (text: string) => paint(2, text),
};

/** One file's verdict for a person: a headline, then each issue with its location. */
export function formatResult(file: string, result: ValidationResult): string {
  const profiles = result.profiles.map((url) => url.slice(url.lastIndexOf("/") + 1)).join(", ");
  const what = [result.resourceType, result.format?.toUpperCase(), profiles]
    .filter(Boolean)
    .join(" · ");
  const verdict = !result.parsed
    ? colour.red("UNREADABLE")
    : result.valid
      ? colour.green("VALID")
      : colour.red("INVALID");
  const lines = [`${verdict}  ${file}${what ? colour.dim(`  (${what})`) : ""}`];
  for (const issue of result.issues) lines.push(formatIssue(issue));
  return lines.join("\n");
}

function formatIssue(issue: ValidationIssue): string {
  const severity =
    issue.severity === "warning" || issue.severity === "information"
      ? colour.yellow(issue.severity)
      : colour.red(issue.severity);
  const where = issue.location === "" ? "(document)" : issue.location;
  return `  ${severity.padEnd(useColour ? 16 : 7)} ${where}  ${colour.dim(`[${issue.ruleId}]`)}\n          ${issue.message}`;
}
