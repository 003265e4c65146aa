/** FHIR STU3 issue severities (http://hl7.org/fhir/STU3/valueset-issue-severity.html). */
export type IssueSeverity = "fatal" | "error" | "warning" | "information";

/** The FHIR STU3 issue-type codes this validator emits (a subset of valueset-issue-type). */
export type IssueType =
  | "structure"
  | "required"
  | "value"
  | "invariant"
  | "invalid"
  | "code-invalid"
  | "business-rule"
  | "not-supported"
  | "too-costly"
  | "security"
  | "informational";

/** Which layer of the validator produced an issue: lets a report group and explain them. */
export type IssueLayer = "parse" | "base" | "profile" | "invariant" | "rule";

export interface ValidationIssue {
  severity: IssueSeverity;
  /** FHIR issue-type code. */
  code: IssueType;
  /** FHIRPath-like location, e.g. `Consent.extension[0].valueCodeableConcept.coding[0].code`. */
  location: string;
  /** What is wrong, in words a tester understands. */
  message: string;
  /** Stable id of the rule that fired, e.g. `profile-fixed`, `ndop-nhs-number`, `inv-ext-1`. */
  ruleId: string;
  layer: IssueLayer;
  /** The profile (canonical URL) whose constraint fired, where there is one. */
  profile?: string;
}

export interface ValidationResult {
  valid: boolean;
  /** False when the input could not be read as a FHIR resource at all (a parse failure). */
  parsed: boolean;
  format?: "json" | "xml";
  /** Resource type found, when the input could be parsed. */
  resourceType?: string;
  /** Profiles the resource (and a Bundle's entries) were judged against, by canonical URL. */
  profiles: string[];
  issues: ValidationIssue[];
}

export function isBlocking(issue: ValidationIssue): boolean {
  return issue.severity === "error" || issue.severity === "fatal";
}

const QUOTE_LIMIT = 80;

/** A value as a message shows it: JSON, cut short so a hostile 50 MB string cannot flood a report. */
export function quote(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_LIMIT
    ? `${text.slice(0, QUOTE_LIMIT)}… (${text.length} characters)`
    : text;
}
