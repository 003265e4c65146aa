import type { ValidationIssue } from "./issues.js";
import type { JsonObject } from "./resource-reader.js";

/**
 * A known defect of a published specification: a rule that, read literally, condemns what real,
 * conforming servers do (or that the specification's later releases withdrew). The tool reports
 * a breach of such a rule as a warning naming the defect, never as an error, unless asked to be
 * strict. docs/known-spec-defects.md is the same register for people.
 */
export interface KnownSpecDefect {
  /** Stable id; the issue a defect turns into carries the rule id `known-defect:<id>`. */
  id: string;
  /** The rule as the tool names it (an invariant's rule id, or a contract section). */
  rule: string;
  /** Where the defect is published, and where it was corrected if it was. */
  source: string;
  /** What is wrong with the rule. */
  defect: string;
  /** What the tool does about it by default. */
  toolDoes: string;
  /** What `--strict` (or `strict: true`) changes. */
  strict: string;
  /** Whether the validator applies this entry to its issues (the others are recorded only). */
  inValidator: boolean;
}

export const KNOWN_SPEC_DEFECTS: readonly KnownSpecDefect[] = [
  {
    id: "stu3-bdl-4",
    rule: "inv-bdl-4",
    source:
      "FHIR STU3 3.0.1, Bundle invariant bdl-4 (entry.response.empty() or type = 'batch-response' or type = 'transaction-response'); FHIR R4 adds type = 'history'.",
    defect:
      "Read literally, bdl-4 forbids entry.response in a history Bundle, although the STU3 http page shows history entries with their response, and real STU3 servers send it; R4 corrected the invariant.",
    toolDoes:
      "entry.response in a history Bundle is a warning `known-defect:stu3-bdl-4`; in any other Bundle type that is not a batch or transaction response, bdl-4 is still an error.",
    strict: "The warning becomes an error (same rule id), so the Bundle is invalid.",
    inValidator: true,
  },
  {
    id: "stu3-bdl-7-history",
    rule: "inv-bdl-7",
    source:
      "FHIR STU3 3.0.1, Bundle invariant bdl-7 (entry.where(fullUrl).select(fullUrl&resource.meta.versionId).isDistinct()); FHIR R4 exempts history Bundles.",
    defect:
      "A history Bundle lists every version of a resource under one fullUrl. A deleted version has no resource, so no versionId: two such entries (or a delete beside an entry without meta.versionId) collide under bdl-7 although the history is right.",
    toolDoes:
      "In a history Bundle, a bdl-7 collision caused only by entries without a meta.versionId is a warning `known-defect:stu3-bdl-7-history`; two entries with the same fullUrl and the same versionId stay an error (inv-bdl-7).",
    strict: "The warning becomes an error (same rule id), so the Bundle is invalid.",
    inValidator: true,
  },
  {
    id: "ndop-ig-datetime-without-seconds",
    rule: "base-format (dateTime), ndop-datetime",
    source:
      "NDOP implementation guide element pages: `1988-11-11T11:45+00:00` shown as correct (contract section 9).",
    defect:
      "FHIR STU3 dateTime requires seconds whenever a time is given; the IG's example is not a valid dateTime.",
    toolDoes:
      "Follows FHIR: the value is an error. The IG example is the defect, not the rule, so nothing is tolerated.",
    strict: "No change.",
    inValidator: false,
  },
  {
    id: "ndop-consent-1-published-profile",
    rule: "profile-* (published NDOP-Consent-1)",
    source:
      "NHS STU3 FHIR assets, NDOP-Consent-1 1.4.0: fhirVersion 3.0.0, a misspelled consentingParty target profile, organization typed as a Reference though fixed to X26 (contract section 9).",
    defect: "The published profile disagrees with the contract's facts in these three places.",
    toolDoes:
      "The contract's facts win: fhirVersion is not judged, target profiles of references are not checked, and organization is judged by its fixed value.",
    strict: "No change.",
    inValidator: false,
  },
  {
    id: "ndop-ig-examples",
    rule: "profile-fixed, ndop-nhs-number, parse-xml, xml-namespace",
    source:
      "NDOP implementation guide examples (contract section 9): purpose system https://snomed.info/sct, NHS numbers with wrong check digits, an OperationOutcome XML that is not well-formed or has no FHIR namespace.",
    defect: "The examples break their own profiles and FHIR XML.",
    toolDoes:
      "Judges them as any other input: each is invalid (or unreadable) with the rule named.",
    strict: "No change.",
    inValidator: false,
  },
];

const BY_ID = new Map(KNOWN_SPEC_DEFECTS.map((defect) => [defect.id, defect]));

/** The defect with this id (`stu3-bdl-4`), or with this issue rule id (`known-defect:stu3-bdl-4`). */
export function knownSpecDefect(id: string): KnownSpecDefect | undefined {
  return BY_ID.get(id.startsWith(KNOWN_DEFECT_PREFIX) ? id.slice(KNOWN_DEFECT_PREFIX.length) : id);
}

export const KNOWN_DEFECT_PREFIX = "known-defect:";

/**
 * The known defect, if any, behind an invariant issue found in `resource` (the resource the
 * invariant was evaluated on).
 */
export function knownDefectBehind(
  issue: ValidationIssue,
  resource: JsonObject,
): KnownSpecDefect | undefined {
  if (resource.resourceType !== "Bundle" || resource.type !== "history") return undefined;
  if (issue.ruleId === "inv-bdl-4") return BY_ID.get("stu3-bdl-4");
  if (issue.ruleId === "inv-bdl-7" && !versionsCollide(resource))
    return BY_ID.get("stu3-bdl-7-history");
  return undefined;
}

/** Whether two entries share a fullUrl and a meta.versionId that is actually present. */
function versionsCollide(bundle: JsonObject): boolean {
  const seen = new Set<string>();
  // Stryker disable next-line ArrayDeclaration: an entry that is a string has no fullUrl, so iterating one finds no collision.
  for (const entry of Array.isArray(bundle.entry) ? bundle.entry : []) {
    const fullUrl = (entry as JsonObject | null)?.fullUrl;
    const resource = (entry as JsonObject | null)?.resource as JsonObject | undefined;
    const versionId = (resource?.meta as JsonObject | undefined)?.versionId;
    if (typeof fullUrl !== "string" || typeof versionId !== "string") continue;
    const key = JSON.stringify([fullUrl, versionId]);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** The issue a known defect turns into: a warning naming it, or, when strict, an error. */
export function asKnownDefect(
  issue: ValidationIssue,
  defect: KnownSpecDefect,
  strict: boolean,
): ValidationIssue {
  return {
    ...issue,
    severity: strict ? "error" : "warning",
    ruleId: `${KNOWN_DEFECT_PREFIX}${defect.id}`,
    message: `${issue.message} This is known defect ${defect.id} of the published specification (see docs/known-spec-defects.md): ${strict ? "an error because strict mode is on" : "a warning; --strict makes it an error"}.`,
  };
}
