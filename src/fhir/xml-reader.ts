import type { DroppedIssues, ValidationIssue } from "./issues.js";
import type { JsonObject } from "./json-object.js";
import type { TypeModel } from "./type-model.js";
import { FhirXmlReader, Refusal, type XmlLimits } from "./xml-stream-reader.js";

const DTD_PATTERN = /<!(DOCTYPE|ENTITY)/i;

export type XmlReadResult =
  | { ok: true; resource: JsonObject; issues: ValidationIssue[]; dropped: DroppedIssues }
  | { ok: false; issues: ValidationIssue[]; readable?: boolean };

/**
 * Reads FHIR XML into FHIR JSON using the STU3 type model, in one streaming pass: no document tree
 * is built, and unknown elements are reported (up to the issue cap) and skipped, so memory grows
 * with what is kept, never with what is refused. Unlike FHIR.js's converter, it reports what it
 * cannot place (unknown elements, attributes, stray text, repeats of single elements, elements out
 * of definition order) instead of dropping it, so an XML resource is judged as strictly as its
 * JSON twin. Namespace prefixes are understood (`<f:Consent xmlns:f="http://hl7.org/fhir">`).
 */
export function readFhirXml(xml: string, model: TypeModel, limits: XmlLimits): XmlReadResult {
  // FHIR XML forbids DTDs; refusing them up front rules out entity expansion and external fetches.
  if (DTD_PATTERN.test(xml)) {
    return failure(
      "xml-doctype",
      "XML with a DOCTYPE or entity declaration is refused: FHIR XML may not carry a DTD, and entities are never expanded.",
    );
  }
  const reader = new FhirXmlReader(model, limits);
  try {
    const resource = reader.read(xml);
    return {
      ok: true,
      resource,
      issues: reader.issues.items,
      dropped: reader.issues.droppedCounts(),
    };
  } catch (error) {
    if (error instanceof Refusal) {
      const refused = failure(error.ruleId, error.message, error.location);
      if (!error.readable) return refused;
      return { ok: false, readable: true, issues: refused.issues.map(asError) };
    }
    const detail =
      // Stryker disable next-line MethodExpression: saxes's messages, the only errors that reach here, have no white space at either end.
      error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : String(error);
    return failure("parse-xml", `The XML is not well-formed: ${detail.replace(/\.$/, "")}.`);
  }
}

function asError(issue: ValidationIssue): ValidationIssue {
  return { ...issue, severity: "error", code: "invalid" };
}

function failure(ruleId: string, message: string, location = ""): XmlReadResult {
  return {
    ok: false,
    issues: [{ severity: "fatal", code: "structure", location, message, ruleId, layer: "parse" }],
  };
}
