import type { ParsedProperty } from "fhir/model/parsed-property.js";
import type { JsonObject } from "./resource-reader.js";
import { childProperties, type TypeModel } from "./type-model.js";

export interface VisitedElement {
  /** FHIRPath-like location, e.g. `Consent.extension[0].url`. */
  path: string;
  /** STU3 type code (`string`, `CodeableConcept`, `Extension`, `Resource`, `BackboneElement` ...). */
  type: string;
  value: unknown;
  /** Whether the element may repeat; a repeating element's items are visited one by one. */
  multiple: boolean;
  /** The JSON `_name` sibling of a primitive (id, extensions), when present. */
  primitiveExtras?: unknown;
}

type Visitor = (element: VisitedElement) => void;

/** What the walk needs of one property, worked out once per property list rather than per visit. */
interface PropertyStep {
  name: string;
  /** `_name`, where JSON keeps a primitive's id and extensions. */
  extrasKey: string;
  property: ParsedProperty;
}

/** Property lists are the type model's own arrays, so a step list is built once per list. */
const stepsByList = new WeakMap<ParsedProperty[], PropertyStep[]>();
/** Child property lists by property: resolving a contentReference or a type name costs a lookup. */
const childrenByProperty = new WeakMap<ParsedProperty, ParsedProperty[]>();

function stepsOf(properties: ParsedProperty[]): PropertyStep[] {
  return stepsByList.get(properties) ?? cacheSteps(properties);
}

/**
 * STU3's model lists a choice's Reference once per target type (Consent.sourceReference four
 * times, Signature.whoReference twice): one JSON key, so one element, visited once.
 */
function cacheSteps(properties: ParsedProperty[]): PropertyStep[] {
  const steps = properties
    .filter(
      (property, position) =>
        !property._name.startsWith("_") &&
        properties.findIndex((other) => other._name === property._name) === position,
    )
    .map((property) => ({ name: property._name, extrasKey: `_${property._name}`, property }));
  stepsByList.set(properties, steps);
  return steps;
}

function childrenOf(property: ParsedProperty, model: TypeModel): ParsedProperty[] {
  return childrenByProperty.get(property) ?? cacheChildren(property, model);
}

function cacheChildren(property: ParsedProperty, model: TypeModel): ParsedProperty[] {
  const children = childProperties(property, model);
  childrenByProperty.set(property, children);
  return children;
}

/**
 * Walks a FHIR JSON resource along the STU3 type model and calls `visit` for every element it can
 * place (unknown properties are FHIR.js's to report). Contained and entry resources are walked
 * too, with their own type.
 */
export function walkElements(resource: JsonObject, model: TypeModel, visit: Visitor): void {
  const type = String(resource.resourceType);
  walkProperties(resource, model[type]?._properties ?? [], type, model, visit);
}

function walkProperties(
  object: JsonObject,
  properties: ParsedProperty[],
  path: string,
  model: TypeModel,
  visit: Visitor,
): void {
  for (const { name, extrasKey, property } of stepsOf(properties)) {
    if (!Object.hasOwn(object, name)) continue;
    const value = object[name];
    const extras = object[extrasKey];
    const base = `${path}.${name}`;
    if (property._multiple && Array.isArray(value) && value.length > 0) {
      for (let index = 0; index < value.length; index += 1) {
        const element: VisitedElement = {
          path: `${base}[${index}]`,
          type: property._type,
          value: value[index],
          multiple: true,
        };
        if (Array.isArray(extras) && extras[index] != null) element.primitiveExtras = extras[index];
        visitAndDescend(element, property, model, visit);
      }
    } else {
      const element: VisitedElement = {
        path: base,
        type: property._type,
        value,
        multiple: property._multiple === true,
      };
      if (extras !== undefined) element.primitiveExtras = extras;
      visitAndDescend(element, property, model, visit);
    }
  }
}

function visitAndDescend(
  element: VisitedElement,
  property: ParsedProperty,
  model: TypeModel,
  visit: Visitor,
): void {
  visit(element);
  const { value } = element;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  const object = value as JsonObject;
  if (property._type === "Resource") {
    if (typeof object.resourceType === "string") {
      walkProperties(
        object,
        model[object.resourceType]?._properties ?? [],
        element.path,
        model,
        visit,
      );
    }
    return;
  }
  walkProperties(object, childrenOf(property, model), element.path, model, visit);
}
