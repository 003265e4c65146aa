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
  for (const property of properties) {
    const name = property._name;
    if (name.startsWith("_") || !Object.hasOwn(object, name)) continue;
    const value = object[name];
    const extras = object[`_${name}`];
    const base = `${path}.${name}`;
    if (property._multiple && Array.isArray(value) && value.length > 0) {
      value.forEach((item, index) => {
        const element: VisitedElement = {
          path: `${base}[${index}]`,
          type: property._type,
          value: item,
          multiple: true,
        };
        if (Array.isArray(extras) && extras[index] != null) element.primitiveExtras = extras[index];
        visitAndDescend(element, property, model, visit);
      });
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
  const properties = childProperties(property, model);
  walkProperties(object, properties, element.path, model, visit);
}
