import { createRequire } from "node:module";
import type { ParseConformance } from "fhir/parseConformance.js";
import { FHIR_ID_SOURCE } from "./fhir-patterns.js";
import type { IssueType, ValidationIssue } from "./issues.js";
import type { JsonObject } from "./resource-reader.js";

// CommonJS, so loaded with require: imported as ESM, Node would scan its source for exports at
// every start-up, a cost `validate` pays once per file.
const { Validator } = createRequire(import.meta.url)(
  "fhir/validator.js",
) as typeof import("fhir/validator.js");

interface FhirJsMessage {
  location?: string;
  severity?: string;
  message?: string;
}

/** FHIR.js's message of a Reference whose type it could not read; the Reference follows, as JSON. */
const REFERENCE_MESSAGE = "Invalid type for reference ";

/** `https://host/any/path/Patient/9990000018`, optionally version-specific. */
const ABSOLUTE_REFERENCE = new RegExp(
  `^https?:\\/\\/\\S+\\/([A-Z][A-Za-z]+)\\/${FHIR_ID_SOURCE}(\\/_history\\/${FHIR_ID_SOURCE})?$`,
);

/**
 * The message of an absolute reference, read without parsing the JSON it quotes: a Reference
 * whose first member is a reference with no quote, backslash or white space in it, so its text is
 * its value. About half the cost of parsing; any other shape is parsed (referenceIn).
 */
const ABSOLUTE_REFERENCE_MESSAGE = new RegExp(
  `^${REFERENCE_MESSAGE}\\{"reference":"https?:\\/\\/[^"\\\\\\s]+\\/([A-Z][A-Za-z]+)\\/${FHIR_ID_SOURCE}(\\/_history\\/${FHIR_ID_SOURCE})?"[,}]`,
);

/**
 * STU3 base structure (types, cardinality, unknown elements, required bindings) via FHIR.js,
 * with its known false positives removed (each filter says why).
 */
export function validateBaseStructure(
  resource: JsonObject,
  parser: ParseConformance,
): ValidationIssue[] {
  let messages: FhirJsMessage[];
  try {
    const validator = new Validator(parser, { errorOnUnexpected: true });
    messages = (validator.validate(resource) as { messages: FhirJsMessage[] }).messages;
  } catch (error) {
    // FHIR.js throws on some wrong shapes (a reference that is not a string, say) instead of
    // reporting them; the input is still invalid, so say so rather than crash.
    const detail = error instanceof Error ? error.message : String(error);
    return [
      {
        severity: "error",
        code: "structure",
        location: String(resource.resourceType),
        message: `The resource has a wrongly shaped element the base validator could not walk (${detail}).`,
        ruleId: "base-structure",
        layer: "base",
      },
    ];
  }
  return distinct(messages.filter((message) => !isFalsePositive(message, parser))).map(toIssue);
}

/**
 * FHIR.js walks a choice's Reference once per target type that STU3's model lists for it (four
 * times for Consent.sourceReference), so it says the same thing of it several times: once is enough.
 */
function distinct(messages: FhirJsMessage[]): FhirJsMessage[] {
  const seen = new Set<string>();
  return messages.filter((message) => {
    const key = JSON.stringify([message.severity, message.location, message.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isFalsePositive(message: FhirJsMessage, parser: ParseConformance): boolean {
  // Stryker disable next-line StringLiteral: FHIR.js gives every message a text; were one missing, any text not naming a reference or value set judges the same.
  const text = message.message ?? "";
  // FHIR.js only understands relative references; Spine uses absolute ones to PDS and SDS.
  if (text.startsWith(REFERENCE_MESSAGE)) {
    // A reference that is missing, or not a string, reads as "undefined" or the like: never absolute.
    const type =
      ABSOLUTE_REFERENCE_MESSAGE.exec(text)?.[1] ??
      ABSOLUTE_REFERENCE.exec(String(referenceIn(text)))?.[1];
    // No definition is named "undefined", so a reference that is not absolute is not excused.
    return parser.parsedStructureDefinitions[String(type)]?._kind === "resource";
  }
  // Extensible and weaker bindings allow codes outside the value set (NDOP's SNOMED purpose is one);
  // only required bindings are errors, and FHIR.js reports those as errors.
  // Stryker disable next-line StringLiteral: with errorOnUnexpected set, FHIR.js warns only of codes outside a value set, so every warning includes this text.
  const outsideValueSet = "not found in value set";
  return message.severity === "warning" && text.includes(outsideValueSet);
}

/**
 * The reference FHIR.js quotes (it crashes on a truthy one that is not a string, so what comes
 * here is a string or something falsy).
 */
function referenceIn(text: string): unknown {
  try {
    const value = JSON.parse(text.slice(REFERENCE_MESSAGE.length)) as {
      reference?: unknown;
    };
    return value.reference;
    // Stryker disable next-line BlockStatement: FHIR.js writes the Reference with JSON.stringify, so it always parses; an empty catch would return undefined too.
  } catch {
    return undefined;
  }
}

function toIssue(message: FhirJsMessage): ValidationIssue {
  // FHIR.js quotes whole values in its messages; a hostile one must not flood the report.
  // FHIR.js sets message, severity and location on every message (validator.js addError, addFatal,
  // addWarn, addInfo); its types say optional, so the fallbacks stay, but they never run.
  // Stryker disable next-line StringLiteral: FHIR.js always sets message, so this fallback never runs.
  const full = message.message ?? "FHIR.js reported a problem without a message.";
  const text = full.length > 300 ? `${full.slice(0, 300)}… (${full.length} characters)` : full;
  // Stryker disable next-line StringLiteral: FHIR.js always sets severity, so the "error" fallback never runs.
  const stated = message.severity ?? "error";
  const severity = message.severity === "info" ? "information" : stated;
  return {
    severity: severity as ValidationIssue["severity"],
    code: issueTypeOf(text),
    // Stryker disable next-line StringLiteral: FHIR.js always sets location ("" for a fatal message).
    location: message.location ?? "",
    message: text,
    ruleId: ruleIdOf(text),
    layer: "base",
  };
}

const RULES: [RegExp, string, IssueType][] = [
  [/^Unexpected property/, "base-unknown-element", "structure"],
  [/^Missing property|is required/i, "base-required", "required"],
  [/not an array|should not be an array|is an array/i, "base-cardinality", "structure"],
  [/not found in value set|could not be found/i, "base-binding", "code-invalid"],
  [/^Invalid .*format|expected|Invalid type/i, "base-datatype", "value"],
];

function ruleIdOf(text: string): string {
  return RULES.find(([pattern]) => pattern.test(text))?.[1] ?? "base-structure";
}

function issueTypeOf(text: string): IssueType {
  return RULES.find(([pattern]) => pattern.test(text))?.[2] ?? "structure";
}
