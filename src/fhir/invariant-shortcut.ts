import type { Model } from "fhirpath";
import { logicShortcut, type Truth } from "./invariant-shortcut-logic.js";
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
  // Stryker disable next-line Regex: the expression matched EXISTS_DISJUNCTION, so splitting at one space or at all of them differs only in spaces that trim() removes.
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

/**
 * Decides an invariant on a node as FHIRPath would (null: the empty collection, under which the
 * invariant holds), or says undefined: ask the general evaluator.
 */
export type Shortcut = (node: unknown) => Truth | undefined;

/** A cheaper, equivalent evaluation of the invariant, when there is one. */
export function shortcutFor(
  context: string,
  expression: string,
  model: Model,
): Shortcut | undefined {
  if (context === "Bundle" && expression === BDL_7) return distinctVersions;
  if (context === "Bundle.entry" && expression === BDL_8) return unversionedFullUrl;
  if (context === "Extension" && expression === EXT_1) return extensionOrValue(model);
  const decide =
    existsDisjunction(context, expression, model) ?? logicShortcut(context, expression, model);
  if (decide === undefined) return undefined;
  return (node) => (isPlainNode(node, context) ? decide(node) : undefined);
}

/** Whether a node of this shape is one existsDisjunction judges as FHIRPath does. */
export function isPlainNode(node: unknown, context: string): node is JsonObject {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return false;
  // FHIRPath re-roots a node holding a resourceType at that type: leave such nodes to it.
  const type = (node as JsonObject).resourceType;
  return type === undefined || type === context;
}

function childExists(node: JsonObject, name: string): boolean {
  return present(node[name], node[`_${name}`]);
}

/** Whether FHIRPath finds any node for a child written as `value` with its `_` sibling `extras`. */
function present(value: unknown, extras: unknown): boolean {
  if (!isSome(value) && !isSome(extras)) return false;
  if (!Array.isArray(value)) return true;
  // As fhirpath.js counts `_a` items past the values: its loop runs while index < `_a`.length.
  return value.length > 0 || 0 < (((extras as { length?: unknown } | null)?.length || 0) as number);
}

/** fhirpath.js's util.isSome: neither null, undefined nor an empty array. */
function isSome(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** bdl-7: "FullUrl must be unique in a bundle, or else entries with the same fullUrl must have different meta.versionId". */
export const BDL_7 = "entry.where(fullUrl).select(fullUrl&resource.meta.versionId).isDistinct()";

/**
 * bdl-7 proved to hold on a Bundle of plain entries: every fullUrl written is a string, every
 * versionId a string or absent, no `_` siblings on the way, and the fullUrl & versionId pairs are
 * distinct. Anything else (a breach included) is left to the general evaluator: undefined. The
 * general evaluator took ~160 us for a 20-entry history Bundle, most of its invariant cost.
 */
export function distinctVersions(node: unknown): boolean | undefined {
  if (!isPlainNode(node, "Bundle") || "_entry" in node) return undefined;
  const entries = node.entry;
  if (entries === undefined) return true;
  if (!Array.isArray(entries)) return undefined;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!isPlainObject(entry) || "resourceType" in entry || "_fullUrl" in entry) return undefined;
    if (entry.fullUrl === undefined) continue;
    const versionId = versionIdOf(entry);
    if (typeof entry.fullUrl !== "string" || versionId === undefined) return undefined;
    const key = `${entry.fullUrl}${versionId}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
  }
  return true;
}

/** The entry's resource.meta.versionId as text ("" when absent), or undefined when not plain. */
function versionIdOf(entry: JsonObject): string | undefined {
  if ("_resource" in entry) return undefined;
  const resource = entry.resource;
  if (resource === undefined) return "";
  if (!isPlainObject(resource) || typeof resource.resourceType !== "string") return undefined;
  if ("_meta" in resource) return undefined;
  const meta = resource.meta;
  if (meta === undefined) return "";
  if (!isPlainObject(meta) || "_versionId" in meta || "resourceType" in meta) return undefined;
  const versionId = meta.versionId;
  if (versionId === undefined) return "";
  return typeof versionId === "string" ? versionId : undefined;
}

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** bdl-8: "fullUrl cannot be a version specific reference". */
export const BDL_8 = "fullUrl.contains('/_history/').not()";

/** bdl-8 on an entry whose fullUrl is plain text; anything else goes to the general evaluator. */
export function unversionedFullUrl(node: unknown): boolean | undefined {
  if (!isPlainNode(node, "Bundle.entry") || "_fullUrl" in node) return undefined;
  return typeof node.fullUrl === "string" ? !node.fullUrl.includes("/_history/") : undefined;
}

/** ext-1: "Must have either extensions or value[x], not both". */
export const EXT_1 = "extension.exists() != value.exists()";

/**
 * ext-1 on a plain Extension, checked for every extension of every resource. value[x] is found
 * as fhirpath.js finds a choice: the first of the model's types (in its order) for which
 * `value<Type>` or `_value<Type>` is written, then judged as any child.
 */
export function extensionOrValue(model: Model): Shortcut {
  const types = (model as Model & { choiceTypePaths: Record<string, string[]> }).choiceTypePaths[
    "Extension.value"
  ];
  if (types === undefined) return () => undefined;
  const fields = types.map((type) => [`value${type}`, `_value${type}`] as const);
  const typeIndexByKey = new Map(fields.flatMap((keys, index) => keys.map((key) => [key, index])));
  return (node) => {
    if (!isPlainNode(node, "Extension")) return undefined;
    const field = fields[firstTypeWritten(node, typeIndexByKey)];
    const value = field !== undefined && present(node[field[0]], node[field[1]]);
    return childExists(node, "extension") !== value;
  };
}

/**
 * The model's index of the first value type the extension writes (-1 for none), found from the
 * extension's own few keys rather than by asking it for each of the 38 types' two keys in turn.
 */
function firstTypeWritten(node: JsonObject, typeIndexByKey: Map<string, number>): number {
  let first = -1;
  for (const key in node) {
    const index = typeIndexByKey.get(key);
    if (index !== undefined && (first === -1 || index < first) && node[key] !== undefined)
      first = index;
  }
  return first;
}
