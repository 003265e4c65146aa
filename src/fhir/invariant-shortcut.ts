import type { Model } from "fhirpath";
import type { JsonObject } from "./resource-reader.js";

/** `policy.exists() or policyRule.exists()`: each operand the existence of one child element. */
const EXISTS_DISJUNCTION =
  /^\s*[a-z][A-Za-z0-9]*\.exists\(\)(\s+or\s+[a-z][A-Za-z0-9]*\.exists\(\))*\s*$/;

/**
 * The value of an invariant of the form `a.exists() or b.exists() ...` on a JSON object, computed
 * directly as FHIRPath (fhirpath.js 3.x) computes it: a child exists when the object holds it or
 * its `_a` sibling, except an empty array (and an array of values with fewer `_a` items counts its
 * values). About ten times cheaper than the general evaluator, and ppc-1 runs for every Consent,
 * bdl-5 for every Bundle entry. Undefined when the expression is not of that form, or when a
 * child is a choice or defined elsewhere in the model (then the general evaluator judges it).
 */
export function existsDisjunction(
  context: string,
  expression: string,
  model: Model,
): ((node: JsonObject) => boolean) | undefined {
  if (!EXISTS_DISJUNCTION.test(expression)) return undefined;
  const names = expression.split(/\s+or\s+/).map((operand) => operand.trim().slice(0, -9));
  for (const name of names) {
    const path = `${context}.${name}`;
    const modelled = model as Model & {
      pathsDefinedElsewhere: Record<string, string>;
      choiceTypePaths: Record<string, string[]>;
    };
    if (Object.hasOwn(modelled.pathsDefinedElsewhere, path)) return undefined;
    if (Object.hasOwn(modelled.choiceTypePaths, path)) return undefined;
    if (name in Object.prototype) return undefined;
  }
  return (node) => names.some((name) => childExists(node, name));
}

/** Whether a node of this shape is one existsDisjunction judges as FHIRPath does. */
export function isPlainNode(node: unknown, context: string): node is JsonObject {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return false;
  // FHIRPath re-roots a node holding a resourceType at that type: leave such nodes to it.
  const type = (node as JsonObject).resourceType;
  return type === undefined || type === context;
}

function childExists(node: JsonObject, name: string): boolean {
  const value = node[name];
  const extras = node[`_${name}`];
  if (!isSome(value) && !isSome(extras)) return false;
  if (!Array.isArray(value)) return true;
  // As fhirpath.js counts `_a` items past the values: its loop runs while index < `_a`.length.
  return value.length > 0 || 0 < (((extras as { length?: unknown } | null)?.length || 0) as number);
}

/** fhirpath.js's util.isSome: neither null, undefined nor an empty array. */
function isSome(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}
