import type { ParsedProperty } from "fhir/model/parsed-property.js";
import type { ValidationIssue } from "./issues.js";
import { childProperties, isPrimitiveType, isResourceType, type TypeModel } from "./type-model.js";
import { FHIR_NAMESPACE, XHTML_NAMESPACE } from "./xml-text.js";
import { parseXmlTree, serializeXml, type XmlElement } from "./xml-tree.js";

const NUMERIC_TYPES = new Set(["integer", "decimal", "unsignedInt", "positiveInt"]);
const DTD_PATTERN = /<!(DOCTYPE|ENTITY)/i;

type JsonObject = Record<string, unknown>;

export type XmlReadResult =
  | { ok: true; resource: JsonObject; issues: ValidationIssue[] }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Reads FHIR XML into FHIR JSON using the STU3 type model. Unlike FHIR.js's converter, it reports
 * what it cannot place (unknown elements, attributes, stray text, repeats of single elements)
 * instead of dropping it, so an XML resource is judged as strictly as its JSON twin.
 */
export function readFhirXml(xml: string, model: TypeModel): XmlReadResult {
  // FHIR XML forbids DTDs; refusing them up front rules out entity expansion and external fetches.
  if (DTD_PATTERN.test(xml)) {
    return failure(
      "xml-doctype",
      "XML with a DOCTYPE or entity declaration is refused: FHIR XML may not carry a DTD, and entities are never expanded.",
    );
  }
  let root: XmlElement;
  try {
    root = parseXmlTree(xml);
  } catch (error) {
    const detail =
      error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : String(error);
    return failure("parse-xml", `The XML is not well-formed: ${detail.replace(/\.$/, "")}.`);
  }
  const reader = new FhirXmlReader(model);
  if (!isResourceType(root.name, model)) {
    return failure(
      "unknown-resource-type",
      `<${root.name}> is not a FHIR STU3 resource type.`,
      root.name,
    );
  }
  if (root.attributes.xmlns !== FHIR_NAMESPACE) {
    reader.report(
      root.name,
      "xml-namespace",
      `The root element is not in the FHIR namespace (${FHIR_NAMESPACE}), so this is not FHIR XML.`,
      "parse",
    );
  }
  try {
    const resource = reader.resource(root, root.name);
    return { ok: true, resource, issues: reader.issues };
  } catch (error) {
    if (error instanceof RangeError) return failure("parse-depth", "The XML is nested too deeply.");
    throw error;
  }
}

function failure(ruleId: string, message: string, location = ""): XmlReadResult {
  return {
    ok: false,
    issues: [{ severity: "fatal", code: "structure", location, message, ruleId, layer: "parse" }],
  };
}

class FhirXmlReader {
  readonly issues: ValidationIssue[] = [];

  constructor(private readonly model: TypeModel) {}

  report(
    location: string,
    ruleId: string,
    message: string,
    layer: "parse" | "base" = "base",
  ): void {
    this.issues.push({ severity: "error", code: "structure", location, message, ruleId, layer });
  }

  resource(element: XmlElement, path: string): JsonObject {
    const name = element.name;
    const resource: JsonObject = { resourceType: name };
    this.checkAttributes(element, path, ["xmlns"]);
    this.children(element, this.model[name]?._properties ?? [], path, resource);
    return resource;
  }

  private children(
    element: XmlElement,
    properties: ParsedProperty[],
    path: string,
    target: JsonObject,
  ): void {
    for (const node of element.children) {
      if ("text" in node) {
        if (node.text.trim() !== "") {
          this.report(
            path,
            "xml-unexpected-text",
            `Text content is not allowed in <${element.name}>; FHIR XML puts values in value attributes.`,
          );
        }
        continue;
      }
      const child = node.element;
      const name = child.name;
      const childPath = `${path}.${name}`;
      const property = properties.find((candidate) => candidate._name === name);
      if (property === undefined || name.startsWith("_")) {
        this.report(
          childPath,
          "base-unknown-element",
          `Unknown element <${name}>: it is not part of ${path.split(".")[0]} in FHIR STU3.`,
        );
        continue;
      }
      this.place(child, property, childPath, target);
    }
  }

  private place(
    element: XmlElement,
    property: ParsedProperty,
    path: string,
    target: JsonObject,
  ): void {
    const name = property._name;
    const index = property._multiple ? ((target[name] as unknown[] | undefined)?.length ?? 0) : 0;
    const location = property._multiple ? `${path}[${index}]` : path;
    if (!property._multiple && (name in target || `_${name}` in target)) {
      this.report(location, "base-cardinality", `<${name}> may appear at most once here.`);
      return;
    }
    const { value, extra } = this.value(element, property, location);
    if (property._multiple) {
      const values = arrayAt(target, name);
      values.push(value ?? null);
      if (extra) {
        const extras = arrayAt(target, `_${name}`);
        while (extras.length < index) extras.push(null);
        extras[index] = extra;
      }
    } else {
      if (value !== undefined) target[name] = value;
      if (extra) target[`_${name}`] = extra;
    }
  }

  private value(
    element: XmlElement,
    property: ParsedProperty,
    path: string,
  ): { value?: unknown; extra?: JsonObject } {
    const type = property._type;
    if (type === "xhtml") return { value: this.xhtml(element, path) };
    if (type === "Resource") return { value: this.containedResource(element, path) };
    if (isPrimitiveType(type)) return this.primitive(element, type, path);
    const properties = childProperties(property, this.model);
    const value: JsonObject = {};
    if (element.attributes.id !== undefined) value.id = String(element.attributes.id);
    if (type === "Extension" && element.attributes.url !== undefined)
      value.url = String(element.attributes.url);
    this.checkAttributes(element, path, type === "Extension" ? ["id", "url"] : ["id"]);
    this.children(element, properties, path, value);
    return { value };
  }

  private primitive(
    element: XmlElement,
    type: string,
    path: string,
  ): { value?: unknown; extra?: JsonObject } {
    this.checkAttributes(element, path, ["id", "value"]);
    const raw = element.attributes.value;
    const extra: JsonObject = {};
    if (element.attributes.id !== undefined) extra.id = String(element.attributes.id);
    this.children(element, this.primitiveChildren(), path, extra);
    const hasExtra = Object.keys(extra).length > 0;
    if (raw === undefined) {
      if (!hasExtra)
        this.report(
          path,
          "inv-ele-1",
          `<${element.name}> has neither a value attribute nor extensions.`,
        );
      return hasExtra ? { extra } : {};
    }
    const text = String(raw);
    const value =
      type === "boolean" ? booleanOf(text) : NUMERIC_TYPES.has(type) ? numberOf(text) : text;
    return hasExtra ? { value, extra } : { value };
  }

  private containedResource(element: XmlElement, path: string): JsonObject | undefined {
    const inner = element.children.flatMap((node) => ("element" in node ? [node.element] : []));
    const first = inner[0];
    if (inner.length !== 1 || first === undefined || !isResourceType(first.name, this.model)) {
      this.report(
        path,
        "xml-resource-expected",
        `<${element.name}> must contain exactly one FHIR resource.`,
      );
      return undefined;
    }
    return this.resource(first, path);
  }

  private xhtml(element: XmlElement, path: string): string {
    if (element.attributes.xmlns !== XHTML_NAMESPACE) {
      this.report(
        path,
        "xml-namespace",
        `<div> must be in the XHTML namespace (${XHTML_NAMESPACE}).`,
      );
    }
    return serializeXml(element);
  }

  /** In XML a primitive's id is an attribute, so only its extensions come as child elements. */
  private primitiveChildren(): ParsedProperty[] {
    return (this.model.Element?._properties ?? []).filter(
      (property) => property._name === "extension",
    );
  }

  private checkAttributes(element: XmlElement, path: string, allowed: string[]): void {
    for (const attribute of Object.keys(element.attributes ?? {})) {
      if (!allowed.includes(attribute) && !attribute.startsWith("xmlns")) {
        this.report(
          path,
          "base-unknown-element",
          `Unknown attribute "${attribute}" on <${element.name}>.`,
        );
      }
    }
  }
}

function arrayAt(target: JsonObject, key: string): unknown[] {
  const existing = target[key];
  if (Array.isArray(existing)) return existing;
  const created: unknown[] = [];
  target[key] = created;
  return created;
}

function booleanOf(text: string): boolean | string {
  return text === "true" ? true : text === "false" ? false : text;
}

function numberOf(text: string): number | string {
  return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : text;
}
