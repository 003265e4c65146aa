import type { ParsedProperty } from "fhir/model/parsed-property.js";
import { type Located, spellLocation } from "./lazy-location.js";
import type { JsonObject } from "./resource-reader.js";
import { childProperties, propertyPositions, type TypeModel } from "./type-model.js";

export interface VisitedElement {
  /** FHIRPath-like location, e.g. `Consent.extension[0].url`: read it only to report an issue. */
  readonly path: string;
  /** STU3 type code (`string`, `CodeableConcept`, `Extension`, `Resource`, `BackboneElement` ...). */
  type: string;
  value: unknown;
  /** Whether the element may repeat; a repeating element's items are visited one by one. */
  multiple: boolean;
  /** The JSON `_name` sibling of a primitive (id, extensions), when present. */
  primitiveExtras?: unknown;
}

type Visitor = (element: VisitedElement) => void;

/** An element as the walk visits it, its location spelled out only if it is read (lazy-location.ts). */
class WalkedElement implements VisitedElement {
  private spelled: string | undefined = undefined;

  constructor(
    private readonly parent: Located | string,
    private readonly name: string,
    private readonly index: number,
    readonly type: string,
    readonly value: unknown,
    readonly multiple: boolean,
    /** Set on every element, undefined when there is none: one shape for all. */
    readonly primitiveExtras: unknown,
  ) {}

  get path(): string {
    this.spelled ??= spellLocation(this.parent, this.name, this.index);
    return this.spelled;
  }
}

/** What the walk needs of one property, worked out once per property list rather than per visit. */
interface PropertyStep {
  name: string;
  /** `_name`, where JSON keeps a primitive's id and extensions. */
  extrasKey: string;
  property: ParsedProperty;
  /** The property's place in its list: elements are visited in definition order. */
  position: number;
}

/** Property lists are the type model's own arrays, so their steps are worked out once per list. */
const stepsByList = new WeakMap<ParsedProperty[], Map<string, PropertyStep>>();
/** Child property lists by property: resolving a contentReference or a type name costs a lookup. */
const childrenByProperty = new WeakMap<ParsedProperty, ParsedProperty[]>();

/**
 * Puts the properties of `properties` that `object` holds into `present`, in definition order,
 * and says whether `object` has any `_name` member (most objects have none, and then no element
 * needs its extras looked up). Looked up by the object's own keys (a Coding has 2 of its type's 5
 * properties, an Extension 2 of its 50), not by asking the object for every property the type has.
 */
function presentSteps(
  object: JsonObject,
  properties: ParsedProperty[],
  present: PropertyStep[],
): boolean {
  const steps = stepsByList.get(properties) ?? cacheSteps(properties);
  let inOrder = true;
  let extras = false;
  for (const key of Object.keys(object)) {
    const step = steps.get(key);
    if (step === undefined) {
      extras ||= key.startsWith("_");
      continue;
    }
    inOrder &&= present.length === 0 || (present.at(-1) as PropertyStep).position < step.position;
    present.push(step);
  }
  if (!inOrder) present.sort((a, b) => a.position - b.position);
  return extras;
}

/**
 * STU3's model lists a choice's Reference once per target type (Consent.sourceReference four
 * times, Signature.whoReference twice): one JSON key, so one element, visited once, with the
 * first of them (propertyPositions).
 */
function cacheSteps(properties: ParsedProperty[]): Map<string, PropertyStep> {
  const steps = new Map<string, PropertyStep>();
  for (const [name, position] of propertyPositions(properties)) {
    const property = properties[position] as ParsedProperty;
    if (!name.startsWith("_")) steps.set(name, { name, extrasKey: `_${name}`, property, position });
  }
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
  parent: Located | string,
  model: TypeModel,
  visit: Visitor,
): void {
  const present: PropertyStep[] = [];
  const hasExtras = presentSteps(object, properties, present);
  for (const { name, extrasKey, property } of present) {
    const value = object[name];
    const extras = hasExtras ? object[extrasKey] : undefined;
    const type = property._type;
    if (property._multiple && Array.isArray(value) && value.length > 0) {
      for (let index = 0; index < value.length; index += 1) {
        const itemExtras =
          Array.isArray(extras) && extras[index] != null ? extras[index] : undefined;
        const element = new WalkedElement(
          parent,
          name,
          index,
          type,
          value[index],
          true,
          itemExtras,
        );
        visitAndDescend(element, property, model, visit);
      }
    } else {
      const multiple = property._multiple === true;
      const element = new WalkedElement(parent, name, -1, type, value, multiple, extras);
      visitAndDescend(element, property, model, visit);
    }
  }
}

function visitAndDescend(
  element: WalkedElement,
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
      walkProperties(object, model[object.resourceType]?._properties ?? [], element, model, visit);
    }
    return;
  }
  walkProperties(object, childrenOf(property, model), element, model, visit);
}
