import type { JsonObject, NdopValidator, ValidationIssue } from "../fhir/index.js";
import { requestFormat } from "./media-types.js";
import type { RuleSet } from "./rule-set.js";
import {
  invalidResource,
  messageNotWellFormed,
  type SpineErrorName,
  spineError,
} from "./spine-errors.js";
import { SpineError } from "./spine-outcome.js";

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
 * Reads and judges the Consent of a create or update with the project's own validator: 400 when
 * it cannot be read, 422 with the most precise Spine code (and the failing element named in the
 * diagnostics) when it breaks NDOP-Consent-1 or a business rule.
 */
export function readInboundConsent(
  body: Buffer,
  contentType: string | undefined,
  validator: NdopValidator,
  rules: RuleSet,
): JsonObject | SpineError {
  const format = requestFormat(contentType);
  if (format instanceof SpineError) return format;
  const { result, resource } = validator.check(body, { format });
  if (!result.parsed || resource === undefined) {
    // Stryker disable next-line OptionalChaining,StringLiteral: the reader gives every body it cannot read exactly one issue saying why, so the first is always there.
    const reason = result.issues[0]?.message ?? "it could not be read";
    const unreadable = `The body is not a FHIR ${format.toUpperCase()} resource: ${reason}`;
    return rules.enforces("unreadable-body-is-400")
      ? messageNotWellFormed(unreadable)
      : invalidResource(unreadable);
  }
  if (resource.resourceType !== "Consent") {
    return invalidResource(`The body is a ${String(resource.resourceType)}; NDOP takes a Consent.`);
  }
  const errors = result.issues.filter(
    // Not "fatal": that comes only with a body the reader could not read, refused above.
    (issue) => issue.severity === "error" && rules.refusesWith(issue),
  );
  if (!rules.enforces("proxy-may-consent") && hasProxy(resource))
    return invalidResource("Consent.consentingParty is required.");
  const first = errors[0];
  if (first) {
    const more =
      errors.length > 1
        ? ` (and ${errors.length - 1} more: ${errors
            .slice(1, 4)
            .map((issue) => issue.location)
            .join(", ")})`
        : "";
    return spineError(answerOf(first), `${first.location}: ${first.message}${more}`);
  }
  return resource;
}

/**
 * The 422 answer of a Consent whose first refusing issue is `issue`: by its rule id (a fixed
 * value broken at a `.system` is a wrong code system), INVALID_RESOURCE when no code is more precise.
 */
export function answerOf(issue: Pick<ValidationIssue, "ruleId" | "location">): SpineErrorName {
  if (issue.ruleId === "profile-fixed" && issue.location.endsWith(".system"))
    return "invalidCodeSystem";
  return ANSWER_OF_RULE.find(([pattern]) => pattern.test(issue.ruleId))?.[1] ?? "invalidResource";
}

function hasProxy(consent: JsonObject): boolean {
  // Stryker disable next-line ArrayDeclaration: a fallback element has no url, so it is no proxy extension either way.
  const extensions = (consent.extension as { url?: string }[] | undefined) ?? [];
  return extensions.some((extension) => extension.url === NDOP_PROXY_EXTENSION);
}
