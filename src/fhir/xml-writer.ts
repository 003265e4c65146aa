import type { JsonObject } from "./json-object.js";
import { escapeXml, FHIR_NAMESPACE } from "./xml-text.js";

/**
 * Writes FHIR JSON as FHIR XML, element by element in the object's key order. It needs no type
 * model, so it also writes resources that are deliberately invalid (unknown or repeated elements),
 * which the test fixtures depend on.
 */
export function writeFhirXml(resource: JsonObject): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeResource(resource)}`;
}

function writeResource(resource: JsonObject): string {
  const name = String(resource.resourceType);
  return `<${name} xmlns="${FHIR_NAMESPACE}">${writeMembers(resource, "resource")}</${name}>`;
}

/** In FHIR XML an element's id, and an extension's url, are attributes rather than children. */
type Holder = "resource" | "extension" | "element";

function writeMembers(object: JsonObject, holder: Holder): string {
  let xml = "";
  for (const [key, value] of Object.entries(object)) {
    if (key === "resourceType" || key.startsWith("_")) continue;
    if (holder !== "resource" && key === "id" && typeof value === "string") continue;
    if (holder === "extension" && key === "url" && typeof value === "string") continue;
    const extras = object[`_${key}`];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        xml += writeElement(key, item, Array.isArray(extras) ? extras[index] : undefined);
      });
    } else {
      xml += writeElement(key, value, extras);
    }
  }
  // A primitive's id or extensions may exist with no value at all (`_status` alone).
  for (const [key, extras] of Object.entries(object)) {
    const name = key.slice(1);
    if (key.startsWith("_") && !(name in object)) xml += writeElement(name, undefined, extras);
  }
  return xml;
}

function writeElement(name: string, value: unknown, extras: unknown): string {
  if (name === "div" && typeof value === "string") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const object = value as JsonObject;
    if (typeof object.resourceType === "string")
      return `<${name}>${writeResource(object)}</${name}>`;
    const holder = holderOf(name);
    return `<${name}${attributesOf(object, holder)}>${writeMembers(object, holder)}</${name}>`;
  }
  const extra = (extras ?? {}) as JsonObject;
  const id = typeof extra.id === "string" ? ` id="${escapeXml(extra.id)}"` : "";
  const attribute =
    value === undefined || value === null ? "" : ` value="${escapeXml(String(value))}"`;
  const inner = Array.isArray(extra.extension)
    ? extra.extension.map((item) => writeElement("extension", item, undefined)).join("")
    : "";
  return inner === ""
    ? `<${name}${id}${attribute}/>`
    : `<${name}${id}${attribute}>${inner}</${name}>`;
}

function holderOf(name: string): Holder {
  if (name === "extension" || name === "modifierExtension") return "extension";
  // Stryker disable next-line StringLiteral: writeMembers and attributesOf only ask whether the holder is "resource" or "extension", so any other name acts as "element".
  return "element";
}

function attributesOf(object: JsonObject, holder: Holder): string {
  let attributes = "";
  if (typeof object.id === "string") attributes += ` id="${escapeXml(object.id)}"`;
  if (holder === "extension" && typeof object.url === "string") {
    attributes += ` url="${escapeXml(object.url)}"`;
  }
  return attributes;
}
