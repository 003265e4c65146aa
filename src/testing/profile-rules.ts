import type { ValidationIssue } from "../fhir/issues.js";
import type { CompiledProfile, ElementRule } from "../fhir/profile-model.js";
import { Terminology } from "../fhir/terminology.js";

/** A hand-made compiled rule: `parts` constrain it, `children` sit beneath it by name. */
export function handMadeRule(
  id: string,
  parts: Partial<ElementRule> = {},
  children: Record<string, ElementRule> = {},
): ElementRule {
  return { id, children: new Map(Object.entries(children)), slices: [], ...parts };
}

/** A hand-made compiled profile named `name`, at `urn:profile:<name>`. */
export function handMadeCompiled(name: string, type: string, root: ElementRule): CompiledProfile {
  return { url: `urn:profile:${name}`, name, type, root };
}

/** A terminology holding one value set `url` that lists `codes` of `system`. */
export function listedValueSet(url: string, system: string, codes: string[]): Terminology {
  const terminology = new Terminology();
  terminology.addValueSet({
    url,
    compose: { include: [{ system, concept: codes.map((code) => ({ code })) }] },
  });
  return terminology;
}

/** The issue the profile layer reports, for exact comparison. */
export function profileIssue(
  profile: string,
  location: string,
  ruleId: string,
  code: ValidationIssue["code"],
  message: string,
  severity: ValidationIssue["severity"] = "error",
): ValidationIssue {
  return { severity, code, location, message, ruleId, layer: "profile", profile };
}
