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

export interface DroppedIssues {
  total: number;
  blocking: number;
}

/** Issues kept per validation: hostile input can break one rule millions of times. */
export const MAX_ISSUES = 1000;

/**
 * A list of issues that keeps the first MAX_ISSUES and only counts the rest, so memory stays
 * bounded however often a hostile input breaks a rule.
 */
export class IssueList {
  readonly items: ValidationIssue[] = [];
  private dropped = 0;
  private droppedBlocking = 0;
  private blocking = 0;

  constructor(private readonly limit = MAX_ISSUES) {}

  push(...issues: ValidationIssue[]): void {
    for (const issue of issues) {
      if (this.items.length < this.limit) {
        this.items.push(issue);
        if (isBlocking(issue)) this.blocking += 1;
      } else this.drop(isBlocking(issue));
    }
  }

  get full(): boolean {
    return this.items.length >= this.limit;
  }

  /** Counts an issue that will not be kept, without the cost of building it. */
  drop(blocking: boolean, count = 1): void {
    this.dropped += count;
    if (blocking) this.droppedBlocking += count;
  }

  /** Issues dropped so far, to carry over into another list. */
  droppedCounts(): DroppedIssues {
    return { total: this.dropped, blocking: this.droppedBlocking };
  }

  addDropped(counts: DroppedIssues | undefined): void {
    if (counts === undefined) return;
    this.drop(false, counts.total - counts.blocking);
    this.drop(true, counts.blocking);
  }

  /** Whether the cap is reached with errors alone: the verdict cannot change any more. */
  get blockingFull(): boolean {
    return this.blocking + this.droppedBlocking >= this.limit;
  }

  /** The kept issues, then one that says how many more there were (an error if any was). */
  finish(): ValidationIssue[] {
    if (this.dropped === 0) return this.items;
    const summary: ValidationIssue = {
      severity: this.droppedBlocking > 0 ? "error" : "warning",
      code: "too-costly",
      location: "",
      message: `and ${this.dropped.toLocaleString("en-GB")} more issues, not listed (only the first ${this.limit.toLocaleString("en-GB")} are kept).`,
      ruleId: "issues-capped",
      layer: "parse",
    };
    return [...this.items, summary];
  }
}
