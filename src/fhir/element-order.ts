import type { ParsedProperty } from "fhir/model/parsed-property.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import type { JsonObject } from "./resource-reader.js";
import { childProperties, type TypeModel } from "./type-model.js";
import { writeFhirXml } from "./xml-writer.js";

/**
 * A copy of a resource with every object's members in STU3 definition order (`_name` after
 * `name`, unknown members last), so that XML written from it has the element order FHIR XML
 * requires and JSON reads the way the specification shows it.
 */
export function inDefinitionOrder(resource: JsonObject, model: TypeModel): JsonObject {
  const type = String(resource.resourceType);
  const { resourceType: _own, ...members } = resource;
  return { resourceType: type, ...order(members, model[type]?._properties ?? [], model) };
}

/** Where a name a property list knows goes: its rank, and for a plain name, its property. */
interface Placement {
  rank: number;
  /** Set for a plain name (`status`), whose value is ordered in turn; unset for a `_name` one. */
  property?: ParsedProperty;
}

/** Property lists are the type model's own arrays, so their placements are worked out once per list. */
const placementsByList = new WeakMap<ParsedProperty[], Map<string, Placement>>();

/**
 * A name at twice its first position in the list (STU3 lists a choice's Reference once per
 * target type; the first places it), so that a primitive's `_name` can go just after it.
 */
function placementsOf(properties: ParsedProperty[]): Map<string, Placement> {
  let placements = placementsByList.get(properties);
  if (placements === undefined) {
    placements = new Map();
    for (const [position, property] of properties.entries()) {
      const name = property._name;
      if (placements.has(name)) continue;
      placements.set(
        name,
        name.startsWith("_") ? { rank: 2 * position } : { rank: 2 * position, property },
      );
    }
    placementsByList.set(properties, placements);
  }
  return placements;
}

/**
 * `object`'s members in definition order: each known name at its place, a primitive's `_name`
 * right after its value (or at its own place in the list, if earlier), unknown members last in
 * their own order. Only a resource's own resourceType is taken out (by inDefinitionOrder): one met
 * anywhere else is an unknown member, kept like any other.
 */
function order(object: JsonObject, properties: ParsedProperty[], model: TypeModel): JsonObject {
  const placements = placementsOf(properties);
  const known: [rank: number, key: string][] = [];
  const unknown: string[] = [];
  for (const key of Object.keys(object)) {
    const rank = rankOf(key, object, placements);
    if (rank === undefined) unknown.push(key);
    else known.push([rank, key]);
  }
  const ordered: JsonObject = {};
  for (const [, key] of known.sort((a, b) => a[0] - b[0])) {
    const property = placements.get(key)?.property;
    ordered[key] = property ? orderValue(object[key], property, model) : object[key];
  }
  for (const key of unknown) ordered[key] = object[key];
  return ordered;
}

/** The rank of a member's place, or undefined for a member the list does not place. */
function rankOf(
  key: string,
  object: JsonObject,
  placements: Map<string, Placement>,
): number | undefined {
  const own = placements.get(key);
  if (!key.startsWith("_")) return own?.rank;
  const valueName = key.slice(1);
  const value = placements.get(valueName);
  const afterValue =
    value?.property !== undefined && Object.hasOwn(object, valueName) ? value.rank + 1 : undefined;
  if (own === undefined) return afterValue;
  return afterValue === undefined ? own.rank : Math.min(own.rank, afterValue);
}

function orderValue(value: unknown, property: ParsedProperty, model: TypeModel): unknown {
  if (Array.isArray(value)) return value.map((item) => orderValue(item, property, model));
  if (value === null || typeof value !== "object") return value;
  const object = value as JsonObject;
  if (property._type === "Resource" && typeof object.resourceType === "string")
    return inDefinitionOrder(object, model);
  return order(object, childProperties(property, model), model);
}

/** FHIR XML of a resource with its elements first put in STU3 definition order, as FHIR XML requires. */
export function writeOrderedFhirXml(resource: JsonObject): string {
  const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
  return writeFhirXml(inDefinitionOrder(resource, model));
}
