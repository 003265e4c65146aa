import type { ParsedProperty } from "fhir/model/parsed-property.js";
import type { ParsedStructure } from "fhir/model/parsed-structure.js";

/** FHIR.js's parsed STU3 type model: structures by type name. */
export type TypeModel = Record<string, ParsedStructure>;

/** Properties of a named type, or of an element referenced as `#Bundle.link` (contentReference). */
export function propertiesOfType(type: string, model: TypeModel): ParsedProperty[] {
  if (!type.startsWith("#")) return model[type]?._properties ?? [];
  // Stryker disable next-line StringLiteral: split always yields a first part, so the default (there for the type checker) is never used.
  const [resourceType = "", ...steps] = type.slice(1).split(".");
  let properties = model[resourceType]?._properties ?? [];
  for (const step of steps) {
    properties = properties.find((candidate) => candidate._name === step)?._properties ?? [];
  }
  return properties;
}

/** STU3 primitive type codes start with a lower-case letter (`string`, `dateTime`, `xhtml`). */
export function isPrimitiveType(type: string): boolean {
  const code = type.charCodeAt(0);
  // ASCII first, without allocating: the walk asks this for every element, three times.
  if (code < 128) return code >= 97 && code <= 122;
  // Not ASCII, so not "#" (a contentReference) either: a letter with a lower-case form only.
  const first = type.charAt(0);
  return first === first.toLowerCase() && first !== first.toUpperCase();
}

export function isResourceType(name: string | undefined, model: TypeModel): boolean {
  return name !== undefined && model[name]?._kind === "resource";
}

/**
 * An element's child properties: inline for a backbone element, else those of its type. FHIR.js
 * gives some typed elements an empty inline list, which must not hide the type's properties.
 */
export function childProperties(property: ParsedProperty, model: TypeModel): ParsedProperty[] {
  return property._properties?.length
    ? property._properties
    : propertiesOfType(property._type, model);
}

/** A resource type that differs from `name` only in letter case, if there is one. */
export function closeResourceType(name: string, model: TypeModel): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(model).find(
    (type) => type.toLowerCase() === lower && isResourceType(type, model),
  );
}

/** Property positions by name, per property list (the type model's own arrays): one lookup per element. */
const propertyIndexes = new WeakMap<ParsedProperty[], Map<string, number>>();

export function propertyPositions(properties: ParsedProperty[]): Map<string, number> {
  let index = propertyIndexes.get(properties);
  if (index === undefined) {
    index = new Map();
    // The first of two same-named properties wins, as findIndex would have it.
    for (const [position, property] of properties.entries())
      if (!index.has(property._name)) index.set(property._name, position);
    propertyIndexes.set(properties, index);
  }
  return index;
}
