import { createRequire } from "node:module";
import type { Model } from "fhirpath";
import { DefinitionsError } from "../errors/index.js";
import type { StructureDefinitionJson } from "./base-definitions.js";
import type { VisitedElement } from "./element-walker.js";
import { shortcutFor } from "./invariant-shortcut.js";
import type { ValidationIssue } from "./issues.js";
import type { JsonObject } from "./resource-reader.js";
import { isPrimitiveType } from "./type-model.js";

// CommonJS, so loaded with require: imported as ESM, Node would scan its source for exports at
// every start-up, a cost `validate` pays once per file.
const require = createRequire(import.meta.url);
const stu3Model = require("fhirpath/fhir-context/stu3/index.js") as Model;

type Compile = typeof import("fhirpath").compile;

/**
 * fhirpath.js's compiler, loaded on first use (require keeps it after that): with its ANTLR
 * parser it costs ~100 ms of CPU to load, and neither a valid Consent, nor a history Bundle, nor a
 * whole conformance run needs it (their invariants are all decided by invariant-shortcut.ts). A
 * run loads the validator twice, in the sandbox and in the suites' worker.
 */
function fhirpathCompiler(): Compile {
  return (require("fhirpath") as typeof import("fhirpath")).compile;
}

/** `resource` is FHIRPath's %resource: dom-2..4 name it when the resource contains others. */
type Evaluate = (node: unknown, resource?: JsonObject) => unknown[];

interface Invariant {
  key: string;
  human: string;
  /**
   * The steps below the resource of the element path it is defined on (`["entry"]` for
   * `Bundle.entry`), split once rather than for every resource.
   */
  steps: string[];
  evaluate: Evaluate;
}

// Stryker disable next-line ObjectLiteral,BooleanLiteral: invariants yield booleans, which FHIRPath returns as plain booleans whether or not it resolves its internal types.
const COMPILE_OPTIONS = { resolveInternalTypes: true };

/** Invariants checked for every element, or every Extension, rather than once per resource. */
const ELEMENT_INVARIANTS = new Set(["ele-1", "ext-1"]);

/**
 * The STU3 invariants, taken from the base StructureDefinitions themselves and evaluated with
 * FHIRPath: ele-1 on every element, ext-1 on every extension, and each resource's own
 * invariants (the Bundle ones for history bundles, ppc-1 for Consent, dom-* when contained).
 */
export class InvariantChecker {
  private readonly byResource = new Map<string, Invariant[]>();
  private readonly ele1: Invariant;
  private readonly ext1: Invariant;

  constructor(definitions: ReadonlyMap<string, StructureDefinitionJson>) {
    this.ele1 = elementInvariant(definitions, "Element", "ele-1");
    this.ext1 = elementInvariant(definitions, "Extension", "ext-1");
    for (const [type, definition] of definitions) {
      if (type === "Element" || type === "Extension") continue;
      this.byResource.set(type, resourceInvariants(definition));
    }
  }

  checkElement(element: VisitedElement): ValidationIssue | undefined {
    // The location is read only for an issue: a walked element spells it out when asked.
    const { value, type } = element;
    if (isPrimitiveType(type)) {
      // A JSON primitive cannot carry children, so an empty string is an element with no value.
      return value === "" && element.primitiveExtras == null
        ? violation(this.ele1, element.path)
        : undefined;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    // Evaluating ele-1 costs ~5 µs; only an element with nothing but an id can break it.
    if (hasNoContent(value as JsonObject) && !holds(this.ele1.evaluate(value)))
      return violation(this.ele1, element.path);
    if (type === "Extension" && !holds(this.ext1.evaluate(value)))
      return violation(this.ext1, element.path);
    return undefined;
  }

  /** Resource-level invariants of `resource`, found at `path` (the root, or an entry's resource). */
  checkResource(resource: JsonObject, path: string): ValidationIssue[] {
    const type = String(resource.resourceType);
    const issues: ValidationIssue[] = [];
    for (const invariant of this.byResource.get(type) ?? []) {
      // dom-1..4 only speak of contained resources: with none, each holds trivially.
      // Stryker disable next-line MethodExpression: endsWith("dom-") never matches, so dom-* are always evaluated, and with nothing contained each holds anyway.
      const aboutContained = invariant.key.startsWith("dom-");
      if (aboutContained && resource.contained === undefined) continue;
      for (const [node, location] of nodesAt(resource, invariant.steps, path)) {
        if (!holds(invariant.evaluate(node, resource))) issues.push(violation(invariant, location));
      }
    }
    return issues;
  }
}

function holds(result: unknown[]): boolean {
  return result.length === 0 || result.includes(true);
}

function hasNoContent(object: JsonObject): boolean {
  // A loop over own keys, not Object.entries: this runs for every complex element of every resource.
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (key !== "id" && value != null && !(Array.isArray(value) && value.length === 0))
      return false;
  }
  return true;
}

function violation(invariant: Invariant, location: string): ValidationIssue {
  return {
    severity: "error",
    code: "invariant",
    location,
    message: `${invariant.human} (${invariant.key}).`,
    ruleId: `inv-${invariant.key}`,
    layer: "invariant",
  };
}

/**
 * Compiled on first use: a Consent's verdict needs two of the ~20 invariants, and compiling them
 * all cost a tenth of the CLI's start-up. An existence disjunction (ppc-1, bdl-5) on a plain
 * object, bdl-7 where it plainly holds, and the small and/or/implies forms of bdl-1..4 and bdl-9
 * are decided directly (invariant-shortcut.ts).
 */
function compileAt(context: string, expression: string): Evaluate {
  const shortcut = shortcutFor(context, expression, stu3Model);
  let compiled: ReturnType<Compile> | undefined;
  return (node, resource) => {
    const decided = shortcut?.(node);
    if (decided === null) return [];
    if (decided !== undefined) return [decided];
    compiled ??= fhirpathCompiler()({ base: context, expression }, stu3Model, COMPILE_OPTIONS);
    return compiled(node as Record<string, unknown>, resource ? { resource } : {}) as unknown[];
  };
}

function elementInvariant(
  definitions: ReadonlyMap<string, StructureDefinitionJson>,
  type: string,
  key: string,
): Invariant {
  const root = definitions.get(type)?.snapshot?.element[0];
  const constraint = root?.constraint?.find((candidate) => candidate.key === key);
  if (!constraint?.expression)
    throw new DefinitionsError(`The STU3 definition of ${type} has no invariant ${key}.`, {
      type,
      key,
    });
  return {
    key,
    human: constraint.human,
    // Stryker disable next-line ArrayDeclaration: ele-1 and ext-1 are evaluated on the element checkElement is given; only checkResource walks an invariant's steps.
    steps: [],
    evaluate: compileAt(type, constraint.expression),
  };
}

function resourceInvariants(definition: StructureDefinitionJson): Invariant[] {
  const invariants = new Map<string, Invariant>();
  // Stryker disable next-line ArrayDeclaration: an element that is a string has no constraints, so iterating one finds no invariant.
  for (const element of definition.snapshot?.element ?? []) {
    for (const constraint of element.constraint ?? []) {
      if (
        ELEMENT_INVARIANTS.has(constraint.key) ||
        !constraint.expression ||
        constraint.severity !== "error"
      )
        continue;
      if (invariants.has(constraint.key)) continue;
      invariants.set(constraint.key, {
        key: constraint.key,
        human: constraint.human,
        steps: element.path.split(".").slice(1),
        evaluate: compileAt(element.path, constraint.expression),
      });
    }
  }
  return [...invariants.values()];
}

/** The nodes at a definition path's steps (`entry` of `Bundle.entry`), with their locations. */
function nodesAt(resource: JsonObject, steps: string[], path: string): [unknown, string][] {
  let nodes: [unknown, string][] = [[resource, path]];
  for (const step of steps) {
    const next: [unknown, string][] = [];
    for (const [node, location] of nodes) {
      const value = (node as JsonObject | null)?.[step];
      if (Array.isArray(value)) {
        for (const [index, item] of value.entries())
          next.push([item, `${location}.${step}[${index}]`]);
      } else if (value != null) next.push([value, `${location}.${step}`]);
    }
    nodes = next;
  }
  return nodes;
}
