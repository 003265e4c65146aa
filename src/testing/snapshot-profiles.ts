import type { ElementDefinitionJson, StructureDefinitionJson } from "../fhir/base-definitions.js";
import { readSnapshotBases, SnapshotGenerator } from "../fhir/snapshot-generator.js";

/** A hand-made StructureDefinition: a differential (or none) on a type, on a base if named. */
export function handMadeProfile(
  url: string,
  type: string,
  elements: ElementDefinitionJson[] | undefined,
  baseDefinition?: string,
): StructureDefinitionJson {
  return {
    resourceType: "StructureDefinition",
    url,
    type,
    ...(baseDefinition ? { baseDefinition } : {}),
    ...(elements ? { differential: { element: elements } } : {}),
  };
}

let bases: ReadonlyMap<string, StructureDefinitionJson> | undefined;

/**
 * The STU3 bases, read once for every generator the tests make (reading them took 0.2 s a
 * generator, most of the snapshot tests' time). Frozen throughout: a generator that changed a
 * base would throw, not pass its change on to the next test.
 */
export function sharedSnapshotBases(): ReadonlyMap<string, StructureDefinitionJson> {
  bases ??= deepFreeze(readSnapshotBases());
  return bases;
}

function deepFreeze<Value>(value: Value): Value {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== "object" || Object.isFrozen(next)) continue;
    Object.freeze(next);
    pending.push(...(next instanceof Map ? next.values() : Object.values(next)));
  }
  return value;
}

/** The snapshot a fresh generator makes for `definition`, with `others` as the profiles it may name. */
export function generatedSnapshot(
  definition: StructureDefinitionJson,
  others: StructureDefinitionJson[] = [],
): ElementDefinitionJson[] {
  const profiles = new Map(others.map((other) => [other.url, other]));
  const generator = new SnapshotGenerator(profiles, sharedSnapshotBases());
  return generator.generate(definition).snapshot?.element ?? [];
}

export const elementIds = (elements: ElementDefinitionJson[]) =>
  elements.map((element) => element.id);

export const elementById = (elements: ElementDefinitionJson[], id: string) =>
  elements.find((element) => element.id === id);

/** The ids that start with `prefix`, in snapshot order. */
export const idsUnder = (elements: ElementDefinitionJson[], prefix: string) =>
  elementIds(elements).filter((id) => id?.startsWith(prefix));

/** An element's path and minimum cardinality, the two things most snapshot tests look at. */
export function pathAndMin(elements: ElementDefinitionJson[], id: string): unknown[] {
  const element = elementById(elements, id);
  return [element?.path, element?.min];
}

/** The ids of `parent`'s children with these names, e.g. `childIds("Consent.actor", ["role"])`. */
export const childIds = (parent: string, names: string[]) =>
  names.map((name) => `${parent}.${name}`);
