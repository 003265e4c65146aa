import type { ParsedProperty } from "fhir/model/parsed-property.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import type { JsonObject } from "./resource-reader.js";
import { childProperties, propertyPositions, type TypeModel } from "./type-model.js";
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

/**
 * `object`'s members in definition order: each known name at its place, a primitive's `_name`
 * right after its value (or at its own place in the list, if earlier), unknown members last in
 * their own order. Only a resource's own resourceType is taken out (by inDefinitionOrder): one met
 * anywhere else is an unknown member, kept like any other.
 */
function order(object: JsonObject, properties: ParsedProperty[], model: TypeModel): JsonObject {
  const positions = propertyPositions(properties);
  const known: [rank: number, key: string][] = [];
  const unknown: string[] = [];
  for (const key of Object.keys(object)) {
    const rank = rankOf(key, object, positions);
    if (rank === undefined) unknown.push(key);
    else known.push([rank, key]);
  }
  const ordered: JsonObject = {};
  for (const [rank, key] of known.sort((a, b) => a[0] - b[0])) {
    // A plain name's rank is even: twice the position of its (first) property.
    ordered[key] = key.startsWith("_")
      ? object[key]
      : orderValue(object[key], properties[rank / 2] as ParsedProperty, model);
  }
  for (const key of unknown) ordered[key] = object[key];
  return ordered;
}

/**
 * The rank of a member's place, or undefined for a member the list does not place: a name at
 * twice its position in the list, so that a primitive's `_name` can go just after its value.
 */
function rankOf(
  key: string,
  object: JsonObject,
  positions: Map<string, number>,
): number | undefined {
  const own = positions.get(key);
  if (!key.startsWith("_")) return own === undefined ? undefined : 2 * own;
  const valueName = key.slice(1);
  const value = valueName.startsWith("_") ? undefined : positions.get(valueName);
  const afterValue =
    value !== undefined && Object.hasOwn(object, valueName) ? 2 * value + 1 : undefined;
  if (own === undefined) return afterValue;
  return afterValue === undefined ? 2 * own : Math.min(2 * own, afterValue);
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
