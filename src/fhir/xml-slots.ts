import type { ParsedProperty } from "fhir/model/parsed-property.js";
import type { JsonObject } from "./json-object.js";
import type { XhtmlWriter } from "./xml-tree.js";

/**
 * Where the XML reader puts what it reads, FHIR JSON's way: an element's value in its slot, a
 * primitive's id and extensions in its `_name` sibling, and primitive text as JSON's types.
 */

/** Where an element's value goes in FHIR JSON: `target[name]`, or item `index` of it. */
export interface Slot {
  target: JsonObject;
  name: string;
  index: number;
  multiple: boolean;
}

export function putValue(slot: Slot, value: unknown): void {
  if (slot.multiple) arrayAt(slot.target, slot.name)[slot.index] = value ?? null;
  else if (value !== undefined) slot.target[slot.name] = value;
}

/** A primitive's id and extensions go in its `_name` sibling, item by item for a repeat. */
export function putExtras(slot: Slot, extras: JsonObject): void {
  if (!slot.multiple) {
    slot.target[extrasKeyOf(slot.name)] = extras;
    return;
  }
  const all = arrayAt(slot.target, extrasKeyOf(slot.name));
  // Items so far are those of earlier repeats, so after the nulls this one lands at slot.index.
  while (all.length < slot.index) all.push(null);
  all.push(extras);
}

const extrasKeys = new Map<string, string>();

/**
 * `_name`, kept once per element name: a key built anew for every element would be hashed anew
 * at every lookup with it.
 */
export function extrasKeyOf(name: string): string {
  let key = extrasKeys.get(name);
  if (key === undefined) {
    key = `_${name}`;
    extrasKeys.set(name, key);
  }
  return key;
}

function arrayAt(target: JsonObject, key: string): unknown[] {
  const existing = target[key];
  if (Array.isArray(existing)) return existing;
  const created: unknown[] = [];
  target[key] = created;
  return created;
}

const NUMERIC_TYPES = new Set(["integer", "decimal", "unsignedInt", "positiveInt"]);

/** A primitive's value attribute as FHIR JSON has it: booleans and numbers unquoted when valid. */
export function jsonValueOf(type: string, text: string): unknown {
  return type === "boolean" ? booleanOf(text) : NUMERIC_TYPES.has(type) ? numberOf(text) : text;
}

function booleanOf(text: string): boolean | string {
  return text === "true" ? true : text === "false" ? false : text;
}

function numberOf(text: string): number | string {
  return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : text;
}

/** An element being read: what it becomes in FHIR JSON decides how its children are read. */
export type Frame =
  | { kind: "skip" }
  | {
      kind: "object";
      element: string;
      path: string;
      properties: ParsedProperty[];
      target: JsonObject;
      last: number;
    }
  | {
      kind: "contained";
      element: string;
      path: string;
      found: number;
      slot: Slot;
    }
  | { kind: "xhtml"; writer: XhtmlWriter; slot: Slot }
  | {
      kind: "primitive";
      element: string;
      path: string;
      extras: JsonObject;
      last: number;
      hasValue: boolean;
      slot: Slot;
    };

/** Unknown elements and everything inside them: one shared frame, since nothing is kept. */
export const SKIP: Frame = { kind: "skip" };
