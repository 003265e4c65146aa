import type { FaultName } from "./faults.js";

/**
 * The rules of the contract the handlers and checks enforce by name. The validator's rules of
 * sections 7 and 8 are not listed: they are its issues (`<ruleId>@<location>`).
 */
export const SANDBOX_RULES = {
  "server-assigns-id":
    "a create carrying an id is refused; the server assigns the id (section 6 row 1)",
  "one-live-consent": "one live Consent per patient, policy and purpose (section 8)",
  "no-update-create":
    "a PUT to an id that does not exist is refused, never a create (section 5 row 3)",
  "update-id-matches-url": "an update's body carries the id of its URL (section 6 row 6)",
  "if-match-honoured": "an update with a stale If-Match is refused with 412 (section 5 row 3)",
  "new-version-id": "every update gets a new versionId (section 5 row 3)",
  "unknown-history-not-found": "instance history of an unknown id is 404 (section 6 row 5)",
  "unknown-parameters-refused": "history refuses parameters it does not take (section 6 row 7)",
  "patient-history-is-the-patients":
    "patient history lists that patient's Consents only (section 5 row 5)",
  "stores-what-is-sent": "what is sent is stored and returned, extension by extension (section 5)",
  "proxy-may-consent": "a Consent may be set by a proxy instead of a consentingParty (section 8)",
  "unreadable-body-is-400":
    "a body that cannot be read is 400 MESSAGE_NOT_WELL_FORMED (section 6 row 3)",
  "jwt-required": "every request carries a valid unsigned JWT (section 3)",
  "ssp-headers-required": "every request carries the Ssp-* headers (section 3)",
  "format-parameter-honoured": "_format wins over Accept (section 4)",
} as const;

export type SandboxRule = keyof typeof SANDBOX_RULES;

/**
 * What each rule-forgetting fault mode forgets, to stand in for a server that forgets one rule
 * (each breaks exactly one requirement): a rule of SANDBOX_RULES, or the validator issues
 * (`<ruleId>@<location>`) of one rule of sections 7 and 8.
 */
export const RULES_A_FAULT_FORGETS: Partial<
  Record<FaultName, SandboxRule | SandboxRule[] | RegExp>
> = {
  "accept-invalid-nhs-number": /^ndop-nhs-number@Consent\.patient\./,
  "accept-invalid-consenter-nhs-number": /^ndop-nhs-number@Consent\.consentingParty/,
  "accept-consenter-and-proxy": /^ndop-consenter-xor-proxy@/,
  "accept-any-status": /^ndop-status@/,
  "accept-date-without-time": /^ndop-datetime@/,
  "accept-wrong-purpose": /^profile-fixed@Consent\.purpose/,
  "accept-any-custodian":
    /^(profile-fixed|ndop-custodian)@Consent\.organization\[\d+\]\.reference$/,
  "accept-other-meta-profile": /^ndop-meta-profile@/,
  "accept-missing-optout-source": /^profile-min@Consent\.extension$/,
  "accept-unknown-optout-source":
    /^profile-(binding|fixed)@Consent\.extension\[\d+\]\.valueCodeableConcept/,
  "accept-loose-optout-source":
    /^profile-(min|max|forbidden)@Consent\.extension\[\d+\]\.valueCodeableConcept/,
  "accept-proxy-without-valid-role":
    /^(ndop-proxy-role@Consent\.extension\[\d+\]$|profile-min@Consent\.extension\[\d+\]\.extension$|profile-binding@Consent\.extension\[\d+\]\.extension)/,
  "accept-proxy-value": /^(inv-ext-1|profile-forbidden)@Consent\.extension\[\d+\](\.value\w+)?$/,
  "accept-loose-identifier": /@Consent\.identifier/,
  "accept-missing-status": /^(base-required|profile-min)@Consent\.status$/,
  "accept-many-categories": /@Consent\.category/,
  "accept-non-pds-patient": /^ndop-patient-reference@/,
  "accept-patient-display": /^profile-forbidden@Consent\.patient\./,
  "accept-forbidden-elements":
    /^(profile-forbidden|base-unknown-element)@Consent\.(period|actor|action|source\w*|policyRule|securityLabel|dataPeriod|data|except)$/,
  "accept-missing-datetime": /^profile-min@Consent\.dateTime$/,
  "accept-many-consenting-parties": /^profile-max@Consent\.consentingParty$/,
  "accept-loose-organization": /^profile-(min|max|forbidden)@Consent\.organization/,
  "accept-loose-policy": /^(profile-min|profile-max)@Consent\.policy|^inv-ppc-1@Consent$/,
  "accept-loose-purpose": /^profile-(min|max|forbidden)@Consent\.purpose/,
  "accept-client-id": "server-assigns-id",
  "accept-duplicate": "one-live-consent",
  "update-unknown-creates": "no-update-create",
  "update-ignores-id-mismatch": "update-id-matches-url",
  "update-ignores-if-match": "if-match-honoured",
  "update-reuses-version-id": "new-version-id",
  "history-unknown-id-empty": "unknown-history-not-found",
  "history-ignores-unknown-parameters": "unknown-parameters-refused",
  "patient-history-ignores-patient": "patient-history-is-the-patients",
  "store-drops-nic": "stores-what-is-sent",
  "refuse-proxy": "proxy-may-consent",
  "unreadable-body-as-422": "unreadable-body-is-400",
  "skip-security-checks": ["jwt-required", "ssp-headers-required"],
  "skip-jwt-check": "jwt-required",
  "skip-ssp-header-checks": "ssp-headers-required",
  "ignores-format-parameter": "format-parameter-honoured",
};

/** The fault modes that make the validator forget one of its rules (they change no valid exchange). */
export const VALIDATOR_RULE_FAULTS: ReadonlySet<FaultName> = new Set(
  (Object.keys(RULES_A_FAULT_FORGETS) as FaultName[]).filter(
    (fault) => RULES_A_FAULT_FORGETS[fault] instanceof RegExp,
  ),
);

/** The rules a sandbox enforces: all of them, less those its fault modes forget. */
export interface RuleSet {
  enforces(rule: SandboxRule): boolean;
  /** Whether a validator issue still refuses a Consent. */
  refusesWith(issue: { ruleId: string; location: string }): boolean;
}

export function ruleSet(faults: Iterable<FaultName>): RuleSet {
  const forgotten = new Set<SandboxRule>();
  const forgottenIssues: RegExp[] = [];
  for (const fault of faults) {
    const forgets = RULES_A_FAULT_FORGETS[fault];
    if (forgets instanceof RegExp) forgottenIssues.push(forgets);
    else for (const rule of [forgets ?? []].flat()) forgotten.add(rule);
  }
  return {
    enforces: (rule) => !forgotten.has(rule),
    refusesWith: ({ ruleId, location }) =>
      !forgottenIssues.some((forgets) => forgets.test(`${ruleId}@${location}`)),
  };
}
