/**
 * The validation engine: STU3 base definitions through FHIR.js, the NDOP profiles (compiled
 * snapshots), FHIRPath invariants, datatype rules, NDOP business rules and the known-defects
 * register; JSON and XML readers and writers. Shared FHIR vocabulary lives here too: JsonObject,
 * NHS numbers (one Modulus 11), the FHIR id and version-ETag patterns (fhir-patterns.ts), and the
 * Spine error codes (spine-codes.ts).
 */
export { writeOrderedFhirXml } from "./element-order.js";
export { FHIR_ID, FHIR_ID_SOURCE, VERSION_ETAG, versionOfEtag } from "./fhir-patterns.js";
export {
  type IssueLayer,
  type IssueSeverity,
  type IssueType,
  MAX_ISSUES,
  type ValidationIssue,
  type ValidationResult,
} from "./issues.js";
export type { JsonObject } from "./json-object.js";
export {
  KNOWN_DEFECT_PREFIX,
  KNOWN_SPEC_DEFECTS,
  type KnownSpecDefect,
  knownSpecDefect,
} from "./known-spec-defects.js";
export { NDOP_CONSENT_PROFILE, PDS_PATIENT_BASE, SPINE_OUTCOME_PROFILE } from "./ndop-rules.js";
export {
  FIRST_SYNTHETIC_STEM,
  isSyntheticNhsNumber,
  isValidNhsNumber,
  modulus11CheckDigit,
  syntheticNhsNumber,
  syntheticNhsNumbers,
} from "./nhs-number.js";
export type { ResourceFormat } from "./resource-reader.js";
export { SnapshotGenerator } from "./snapshot-generator.js";
export { SPINE_CODE_SYSTEM, SPINE_CODES, type SpineCode } from "./spine-codes.js";
export {
  DEFAULT_PROFILES,
  NdopValidator,
  PROJECT_PROFILES_DIR,
  type ValidateOptions,
  type ValidatorOptions,
} from "./validator.js";
export { writeFhirXml } from "./xml-writer.js";
