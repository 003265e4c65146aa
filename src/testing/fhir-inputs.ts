import { loadBaseDefinitions } from "../fhir/base-definitions.js";
import { validateBaseStructure } from "../fhir/base-validator.js";
import type { ValidationIssue } from "../fhir/issues.js";
import { type JsonObject, type ReadResult, readResource } from "../fhir/resource-reader.js";

/** The FHIR namespace attribute for hand-made XML. */
export const FHIR_NS = 'xmlns="http://hl7.org/fhir"';

/** FHIR.js's base checks on a minimal hand-made Consent with `changes` laid over it. */
export function baseConsentIssues(changes: JsonObject): ValidationIssue[] {
  const resource = {
    resourceType: "Consent",
    status: "active",
    patient: { reference: "Patient/1" },
  };
  return validateBaseStructure({ ...resource, ...changes }, loadBaseDefinitions().parser);
}

/** An error of the base layer, as `baseConsentIssues` reports it. */
export const baseIssue = (
  location: string,
  message: string,
  ruleId: string,
  code: ValidationIssue["code"],
): ValidationIssue => ({ severity: "error", code, location, message, ruleId, layer: "base" });

/** A resource read against the STU3 model. */
export function readStu3(text: string): ReadResult {
  return readResource(text, loadBaseDefinitions().parser.parsedStructureDefinitions);
}

/** An issue of XML that was read, as the reader reports what it cannot place. */
export const unplacedIssue = (ruleId: string, location: string, message: string) => ({
  severity: "error",
  code: "structure",
  location,
  message,
  ruleId,
  layer: "base",
});
