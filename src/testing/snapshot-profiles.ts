import type { ElementDefinitionJson, StructureDefinitionJson } from "../fhir/base-definitions.js";
import { SnapshotGenerator } from "../fhir/snapshot-generator.js";

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

/** The snapshot a fresh generator makes for `definition`, with `others` as the profiles it may name. */
export function generatedSnapshot(
  definition: StructureDefinitionJson,
  others: StructureDefinitionJson[] = [],
): ElementDefinitionJson[] {
  const generator = new SnapshotGenerator(new Map(others.map((other) => [other.url, other])));
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
