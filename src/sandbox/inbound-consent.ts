import type { JsonObject, NdopValidator, ValidationIssue } from "../fhir/index.js";
import type { FaultName } from "./faults.js";
import type { BodyFormat } from "./media-types.js";
import { type OutcomeIssueCode, type SpineCode, SpineError } from "./spine-outcome.js";

/** The validator's rule ids, each with the most precise Spine code and issue type for a 422. */
const SPINE_CODE_OF_RULE: [RegExp, SpineCode, OutcomeIssueCode][] = [
  [/^ndop-nhs-number$/, "INVALID_NHS_NUMBER", "value"],
  [/^ndop-consenter-xor-proxy$/, "CONFLICTING_VALUES", "invalid"],
  [/^profile-binding$|^base-binding$/, "INVALID_CODE_VALUE", "value"],
  [/^profile-forbidden$|^base-unknown-element$/, "INVALID_ELEMENT", "structure"],
  [/^inv-/, "FHIR_CONSTRAINT_VIOLATION", "invalid"],
  [
    /^profile-min$|^profile-max$|^base-required$|^base-cardinality$|^ndop-meta-profile$|^ndop-proxy-role$/,
    "INVALID_RESOURCE",
    "structure",
  ],
  [/^profile-fixed$|^ndop-|^base-datatype$/, "INVALID_VALUE", "value"],
];

/** Rule ids a fault mode stops enforcing, to stand in for a server that forgets a rule. */
const RULES_A_FAULT_FORGETS: Partial<Record<FaultName, (issue: ValidationIssue) => boolean>> = {
  "accept-invalid-nhs-number": (issue) => issue.ruleId === "ndop-nhs-number",
  "accept-consenter-and-proxy": (issue) => issue.ruleId === "ndop-consenter-xor-proxy",
  "accept-any-status": (issue) => issue.ruleId === "ndop-status",
  "accept-date-without-time": (issue) => issue.ruleId === "ndop-datetime",
  "accept-wrong-purpose": (issue) => issue.location.includes(".purpose"),
};

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
    throw new SpineError(
      400,
      "structure",
      "MESSAGE_NOT_WELL_FORMED",
      `The body is not a FHIR ${format.toUpperCase()} resource: ${reason}`,
    );
  }
  if (resource.resourceType !== "Consent") {
    throw new SpineError(
      422,
      "invalid",
      "INVALID_RESOURCE",
      `The body is a ${String(resource.resourceType)}; NDOP takes a Consent.`,
    );
  }
  const forgotten = [...faults]
    .map((fault) => RULES_A_FAULT_FORGETS[fault])
    .filter((rule) => rule !== undefined);
  const errors = result.issues.filter(
    (issue) =>
      (issue.severity === "error" || issue.severity === "fatal") &&
      !forgotten.some((forgets) => forgets(issue)),
  );
  const first = errors[0];
  if (first) {
    const [, spineCode, issueCode] = SPINE_CODE_OF_RULE.find(([pattern]) =>
      pattern.test(first.ruleId),
    ) ?? [/./, "INVALID_RESOURCE", "invalid"];
    const code =
      first.ruleId === "profile-fixed" && first.location.endsWith(".system")
        ? "INVALID_CODE_SYSTEM"
        : spineCode;
    const more =
      errors.length > 1
        ? ` (and ${errors.length - 1} more: ${errors
            .slice(1, 4)
            .map((issue) => issue.location)
            .join(", ")})`
        : "";
    throw new SpineError(422, issueCode, code, `${first.location}: ${first.message}${more}`);
  }
  return resource;
}
