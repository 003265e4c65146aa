import type { JsonObject, NdopValidator } from "../fhir/index.js";
import type { FaultName } from "./faults.js";
import type { BodyFormat } from "./media-types.js";
import {
  invalidResource,
  messageNotWellFormed,
  type SpineErrorName,
  spineError,
} from "./spine-errors.js";

const NDOP_PROXY_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-NDOP-Proxy-1";

/** The validator's rule ids, each with the 422 answer (spine-errors.ts) of the most precise Spine code. */
const ANSWER_OF_RULE: [RegExp, SpineErrorName][] = [
  [/^ndop-nhs-number$/, "invalidNhsNumber"],
  [/^ndop-consenter-xor-proxy$/, "conflictingValues"],
  [/^profile-binding$|^base-binding$/, "invalidCodeValue"],
  [/^profile-forbidden$|^base-unknown-element$/, "invalidElement"],
  [/^inv-/, "constraintViolation"],
  [
    /^profile-min$|^profile-max$|^base-required$|^base-cardinality$|^ndop-meta-profile$|^ndop-proxy-role$/,
    "invalidStructure",
  ],
  [/^profile-fixed$|^ndop-|^base-datatype$/, "invalidFieldValue"],
];

/**
 * The validator issues (`<ruleId>@<location>`) a fault mode stops enforcing, to stand in for a
 * server that forgets one rule of sections 7 and 8 (each breaks exactly one requirement).
 */
const RULES_A_FAULT_FORGETS: Partial<Record<FaultName, RegExp>> = {
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
};

/** The fault modes that make the sandbox forget a validation rule (they change no valid exchange). */
export const RULE_FORGETTING_FAULTS: ReadonlySet<FaultName> = new Set(
  Object.keys(RULES_A_FAULT_FORGETS) as FaultName[],
);

/**
 * Reads and judges the Consent of a create or update with the project's own validator: 400 when
 * it cannot be read, 422 with the most precise Spine code (and the failing element named in the
 * diagnostics) when it breaks NDOP-Consent-1 or a business rule.
 */
export function readInboundConsent(
  body: Buffer,
  format: BodyFormat,
  validator: NdopValidator,
  faults: ReadonlySet<FaultName>,
): JsonObject {
  const { result, resource } = validator.check(body, { format });
  if (!result.parsed || resource === undefined) {
    const reason = result.issues[0]?.message ?? "it could not be read";
    const unreadable = `The body is not a FHIR ${format.toUpperCase()} resource: ${reason}`;
    throw faults.has("unreadable-body-as-422")
      ? invalidResource(unreadable)
      : messageNotWellFormed(unreadable);
  }
  if (resource.resourceType !== "Consent") {
    throw invalidResource(`The body is a ${String(resource.resourceType)}; NDOP takes a Consent.`);
  }
  const forgotten = [...faults]
    .map((fault) => RULES_A_FAULT_FORGETS[fault])
    .filter((rule) => rule !== undefined);
  const errors = result.issues.filter(
    (issue) =>
      (issue.severity === "error" || issue.severity === "fatal") &&
      !forgotten.some((forgets) => forgets.test(`${issue.ruleId}@${issue.location}`)),
  );
  if (faults.has("refuse-proxy") && hasProxy(resource))
    throw invalidResource("Consent.consentingParty is required.");
  const first = errors[0];
  if (first) {
    const [, answer] = ANSWER_OF_RULE.find(([pattern]) => pattern.test(first.ruleId)) ?? [
      /./,
      "invalidResource",
    ];
    const name =
      first.ruleId === "profile-fixed" && first.location.endsWith(".system")
        ? "invalidCodeSystem"
        : answer;
    const more =
      errors.length > 1
        ? ` (and ${errors.length - 1} more: ${errors
            .slice(1, 4)
            .map((issue) => issue.location)
            .join(", ")})`
        : "";
    throw spineError(name, `${first.location}: ${first.message}${more}`);
  }
  return resource;
}

function hasProxy(consent: JsonObject): boolean {
  const extensions = (consent.extension as { url?: string }[] | undefined) ?? [];
  return extensions.some((extension) => extension.url === NDOP_PROXY_EXTENSION);
}
