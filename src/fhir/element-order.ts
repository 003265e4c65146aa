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

/**
 * `object`'s members in definition order. Only a resource's own resourceType is taken out (by
 * inDefinitionOrder): one met anywhere else is an unknown member, kept like any other.
 */
function order(object: JsonObject, properties: ParsedProperty[], model: TypeModel): JsonObject {
  const ordered: JsonObject = {};
  for (const property of properties) {
    const name = property._name;
    if (name.startsWith("_") || !Object.hasOwn(object, name)) {
      // Stryker disable next-line StringLiteral: a name without "_" reaches here only when the object lacks it, so the second test alone decides.
      if (name.startsWith("_") && Object.hasOwn(object, name)) ordered[name] = object[name];
      continue;
    }
    ordered[name] = orderValue(object[name], property, model);
    if (Object.hasOwn(object, `_${name}`)) ordered[`_${name}`] = object[`_${name}`];
  }
  for (const [key, value] of Object.entries(object)) {
    if (!Object.hasOwn(ordered, key)) ordered[key] = value;
  }
  return ordered;
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
