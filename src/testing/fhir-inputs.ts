import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBaseDefinitions } from "../fhir/base-definitions.js";
import { validateBaseStructure } from "../fhir/base-validator.js";
import type { ValidationIssue } from "../fhir/issues.js";
import { NDOP_CONSENT_PROFILE } from "../fhir/ndop-rules.js";
import { type JsonObject, type ReadResult, readResource } from "../fhir/resource-reader.js";
import { PROJECT_PROFILES_DIR } from "../fhir/validator.js";

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

/**
 * The project's profiles copied to a temporary folder, with the NDOP Consent profile's url
 * changed to `url` everywhere; the folder is removed once `use` returns.
 */
export function withConsentProfileRenamed<T>(url: string, use: (profilesDir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "ndop-profiles-"));
  try {
    cpSync(PROJECT_PROFILES_DIR, dir, { recursive: true });
    const file = join(dir, "StructureDefinition-NDOP-Consent-1.json");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll(NDOP_CONSENT_PROFILE, url));
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
