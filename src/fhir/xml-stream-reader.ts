/*
 * The streaming pass of readFhirXml (xml-reader.ts): SAX events placed on the STU3 type model,
 * one frame per open element, with what cannot be placed reported as it is met.
 */

import { createRequire } from "node:module";
import type { ParsedProperty } from "fhir/model/parsed-property.js";
import type { SaxesAttributeNS, SaxesTagNS } from "saxes";
import { IssueList } from "./issues.js";
import type { JsonObject } from "./json-object.js";
import {
  childProperties,
  closeResourceType,
  isPrimitiveType,
  isResourceType,
  propertyPositions,
  type TypeModel,
} from "./type-model.js";
import {
  extrasKeyOf,
  type Frame,
  jsonValueOf,
  putExtras,
  putValue,
  SKIP,
  type Slot,
} from "./xml-slots.js";
import { FHIR_NAMESPACE, XHTML_NAMESPACE } from "./xml-text.js";
import { XhtmlWriter } from "./xml-tree.js";

/** The attributes FHIR XML allows: every element's id, an extension's url, a primitive's value. */
const ELEMENT_ATTRIBUTES: readonly string[] = ["id"];
const EXTENSION_ATTRIBUTES: readonly string[] = ["id", "url"];
const PRIMITIVE_ATTRIBUTES: readonly string[] = ["id", "value"];

/** The SAX parser, loaded on the first XML read (with require, as CommonJS): JSON never pays for it. */
let saxes: typeof import("saxes") | undefined;

export interface XmlLimits {
  /** Deepest element nesting read. */
  depth: number;
  /** Most FHIR elements kept (unknown, skipped ones cost nothing and are not counted). */
  elements: number;
}

/** Stops the parse at once (too deep, or a root that is not a resource). */
export class Refusal extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
    readonly location = "",
    /** The document was read and is judged invalid as a whole, rather than unreadable. */
    readonly readable = false,
  ) {
    super(message);
  }
}

export class FhirXmlReader {
  readonly issues = new IssueList();
  private readonly stack: Frame[] = [];
  private root: JsonObject | undefined;
  /** FHIR's namespace, or the root's own when it is wrong (reported once, at the root). */
  private namespace = FHIR_NAMESPACE;
  private elements = 0;
  /** Attributes saxes has read on the tag being opened (it reports each before the tag). */
  private attributesRead = 0;
  private primitiveChildren: ParsedProperty[] | undefined;

  constructor(
    private readonly model: TypeModel,
    private readonly limits: XmlLimits,
  ) {}

  read(xml: string): JsonObject {
    saxes ??= createRequire(import.meta.url)("saxes") as typeof import("saxes");
    const parser = new saxes.SaxesParser({ xmlns: true, position: true });
    let failed: Error | undefined;
    parser.on("error", (error) => {
      failed ??= error;
    });
    parser.on("attribute", () => {
      // Stryker disable next-line AssignmentOperator: a count below zero never matches, and checkAttributes then enumerates: the same issues, more slowly.
      this.attributesRead += 1;
    });
    parser.on("opentag", (tag) => {
      if (failed === undefined) this.open(tag);
      this.attributesRead = 0;
    });
    parser.on("closetag", () => {
      if (failed === undefined) this.close();
    });
    parser.on("text", (text) => this.text(text));
    parser.on("cdata", (text) => this.text(text));
    parser.write(xml).close();
    if (failed) throw failed;
    // saxes fails a document with no root element ("document must contain a root element").
    return this.root as JsonObject;
  }

  /** The message is built only when the issue is kept: hostile input may break a rule millions of times. */
  report(
    location: string,
    ruleId: string,
    message: string | (() => string),
    layer: "parse" | "base" = "base",
  ) {
    // Stryker disable next-line BlockStatement: the check only spares building the message; past the cap IssueList.push drops the issue and counts it as blocking too.
    if (this.issues.full) {
      this.issues.drop(true);
      return;
    }
    const text = typeof message === "string" ? message : message();
    this.issues.push({
      severity: "error",
      code: "structure",
      location,
      message: text,
      ruleId,
      layer,
    });
  }

  private open(tag: SaxesTagNS): void {
    if (this.stack.length >= this.limits.depth)
      throw new Refusal("parse-depth", "The XML is nested too deeply.");
    const parent = this.stack.at(-1);
    if (parent === undefined) this.stack.push(this.openRoot(tag));
    else if (parent.kind === "skip") this.stack.push(parent);
    else if (parent.kind === "xhtml") {
      parent.writer.open(tag);
      this.stack.push(parent);
    } else if (parent.kind === "contained") this.stack.push(this.openContained(parent, tag));
    else this.stack.push(this.openChild(parent, tag));
  }

  private close(): void {
    const frame = this.stack.pop();
    if (frame === undefined) return;
    if (frame.kind === "xhtml") {
      frame.writer.close();
      if (this.stack.at(-1) !== frame) putValue(frame.slot, frame.writer.written());
    } else if (frame.kind === "contained" && frame.found !== 1) {
      this.report(
        frame.path,
        "xml-resource-expected",
        `<${frame.element}> must contain exactly one FHIR resource.`,
      );
    } else if (frame.kind === "primitive") {
      if (hasMembers(frame.extras)) putExtras(frame.slot, frame.extras);
      else if (!frame.hasValue)
        this.report(
          frame.path,
          "inv-ele-1",
          `<${frame.element}> has neither a value attribute nor extensions.`,
        );
    }
  }

  private text(text: string): void {
    const frame = this.stack.at(-1);
    if (frame === undefined || frame.kind === "skip") return;
    if (frame.kind === "xhtml") frame.writer.text(text);
    else if (text.trim() !== "") {
      const where = frame.path;
      this.report(
        where,
        "xml-unexpected-text",
        `Text content is not allowed in <${frame.element}>; FHIR XML puts values in value attributes.`,
      );
    }
  }

  private openRoot(tag: SaxesTagNS): Frame {
    if (!isResourceType(tag.local, this.model)) {
      const close = closeResourceType(tag.local, this.model);
      if (close === undefined) {
        const message = `<${tag.local}> is not a FHIR STU3 resource type.`;
        throw new Refusal("unknown-resource-type", message, tag.local);
      }
      const message = `<${tag.local}> is not a FHIR STU3 resource type; resource types are case-sensitive (did you mean <${close}>?).`;
      throw new Refusal("resource-type-case", message, "resourceType", true);
    }
    if (tag.uri !== FHIR_NAMESPACE) {
      this.report(
        tag.local,
        "xml-namespace",
        `The root element is not in the FHIR namespace (${FHIR_NAMESPACE}), so this is not FHIR XML.`,
        "parse",
      );
    }
    this.namespace = tag.uri;
    const frame = this.resourceFrame(tag, tag.local);
    this.root = frame.target;
    return frame;
  }

  private resourceFrame(tag: SaxesTagNS, path: string): Frame & { kind: "object" } {
    this.checkAttributes(tag, path, []);
    const target: JsonObject = { resourceType: tag.local };
    // Stryker disable next-line ArrayDeclaration: callers have checked tag.local is a resource type, and every one has properties.
    const properties = this.model[tag.local]?._properties ?? [];
    return { kind: "object", element: tag.local, path, properties, target, last: -1 };
  }

  private openContained(parent: Frame & { kind: "contained" }, tag: SaxesTagNS): Frame {
    parent.found += 1;
    if (parent.found > 1 || !isResourceType(tag.local, this.model) || tag.uri !== this.namespace) {
      parent.found = Math.max(parent.found, 2);
      return SKIP;
    }
    const frame = this.resourceFrame(tag, parent.path);
    putValue(parent.slot, frame.target);
    return frame;
  }

  /** A child of a FHIR element: placed by its property, or reported and skipped. */
  private openChild(parent: Frame & { kind: "object" | "primitive" }, tag: SaxesTagNS): Frame {
    const properties = parent.kind === "object" ? parent.properties : this.extensionProperties();
    const name = tag.local;
    const index = name.startsWith("_") ? -1 : (propertyPositions(properties).get(name) ?? -1);
    const property = properties[index];
    // The narrative div is FHIR's one child in another namespace (XHTML), checked in valueFrame.
    const narrative = property?._type === "xhtml" && tag.uri === XHTML_NAMESPACE;
    if (property === undefined || (tag.uri !== this.namespace && !narrative)) {
      this.report(`${parent.path}.${name}`, "base-unknown-element", () => {
        const why = tag.uri !== this.namespace ? ` in namespace "${tag.uri}"` : "";
        return `Unknown element <${name}>${why}: it is not part of ${parent.path.split(".")[0]} in FHIR STU3.`;
      });
      return SKIP;
    }
    const path = `${parent.path}.${name}`;
    if (index < parent.last) {
      // Stryker disable next-line OptionalChaining: parent.last is the index of a property already placed, so it is always in range here.
      const after = properties[parent.last]?._name;
      this.report(
        path,
        "xml-element-order",
        () =>
          `<${name}> comes after <${after}>, but FHIR XML requires the STU3 definition order (${name} before ${after}).`,
      );
    }
    parent.last = Math.max(parent.last, index);
    return this.place(
      tag,
      property,
      path,
      parent.kind === "object" ? parent.target : parent.extras,
    );
  }

  private place(
    tag: SaxesTagNS,
    property: ParsedProperty,
    path: string,
    target: JsonObject,
  ): Frame {
    this.elements += 1;
    if (this.elements > this.limits.elements) {
      throw new Refusal(
        "too-many-elements",
        `The resource holds more than ${this.limits.elements.toLocaleString("en-GB")} XML elements; it is refused as too costly to judge.`,
      );
    }
    const name = property._name;
    const index = property._multiple ? ((target[name] as unknown[] | undefined)?.length ?? 0) : 0;
    const location = property._multiple ? `${path}[${index}]` : path;
    if (!property._multiple && (name in target || extrasKeyOf(name) in target)) {
      this.report(location, "base-cardinality", `<${name}> may appear at most once here.`);
      return SKIP;
    }
    const slot: Slot = { target, name, index, multiple: property._multiple === true };
    return this.valueFrame(tag, property, location, slot);
  }

  private valueFrame(tag: SaxesTagNS, property: ParsedProperty, path: string, slot: Slot): Frame {
    const type = property._type;
    if (type === "xhtml") {
      if (tag.uri !== XHTML_NAMESPACE) {
        this.report(
          path,
          "xml-namespace",
          `<div> must be in the XHTML namespace (${XHTML_NAMESPACE}).`,
        );
      }
      const writer = new XhtmlWriter();
      writer.open(tag);
      return { kind: "xhtml", writer, slot };
    }
    if (type === "Resource") return { kind: "contained", element: tag.local, path, found: 0, slot };
    if (isPrimitiveType(type)) return this.primitiveFrame(tag, type, path, slot);
    const target: JsonObject = {};
    const id = attribute(tag, "id");
    if (id !== undefined) target.id = id;
    const url = type === "Extension" ? attribute(tag, "url") : undefined;
    if (url !== undefined) target.url = url;
    this.checkAttributes(
      tag,
      path,
      type === "Extension" ? EXTENSION_ATTRIBUTES : ELEMENT_ATTRIBUTES,
    );
    putValue(slot, target);
    const properties = childProperties(property, this.model);
    return { kind: "object", element: tag.local, path, properties, target, last: -1 };
  }

  private primitiveFrame(tag: SaxesTagNS, type: string, path: string, slot: Slot): Frame {
    this.checkAttributes(tag, path, PRIMITIVE_ATTRIBUTES);
    const raw = attribute(tag, "value");
    const extras: JsonObject = {};
    const id = attribute(tag, "id");
    if (id !== undefined) extras.id = id;
    putValue(slot, raw === undefined ? undefined : jsonValueOf(type, raw));
    return {
      kind: "primitive",
      element: tag.local,
      path,
      extras,
      last: -1,
      hasValue: raw !== undefined,
      slot,
    };
  }

  /** In XML a primitive's id is an attribute, so only its extensions come as child elements. */
  private extensionProperties(): ParsedProperty[] {
    // Kept for the read: the property index is cached per list, so the list must stay the same one.
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: the STU3 model always defines Element, with properties.
    this.primitiveChildren ??= (this.model.Element?._properties ?? []).filter(
      (property) => property._name === "extension",
    );
    return this.primitiveChildren;
  }

  private checkAttributes(tag: SaxesTagNS, path: string, allowed: readonly string[]): void {
    const attributes = tag.attributes;
    // Enumerating saxes's attributes (a dictionary) costs more than looking each allowed one up:
    // when those and a default namespace are all the tag has, there is nothing to report. (An
    // attribute written without a prefix is in no namespace, so an allowed name found is allowed.)
    // Stryker disable next-line ConditionalExpression: a namespace left uncounted sends the tag to the enumeration below, which skips it: the same issues, more slowly.
    let accounted = attributes.xmlns === undefined ? 0 : 1;
    for (const name of allowed) if (attributes[name] !== undefined) accounted += 1;
    if (accounted === this.attributesRead) return;
    for (const key in attributes) {
      const item = attributes[key] as SaxesAttributeNS;
      if (key === "xmlns" || item.prefix === "xmlns") continue;
      if (item.uri === "" && allowed.includes(item.local)) continue;
      this.report(
        path,
        "base-unknown-element",
        `Unknown attribute "${item.name}" on <${tag.local}>.`,
      );
    }
  }
}

/** Whether a primitive's extras got an id or an extension (without an array of keys per primitive). */
function hasMembers(object: JsonObject): boolean {
  for (const _key in object) return true;
  return false;
}

/** An un-namespaced attribute's value (FHIR's attributes have no namespace). */
function attribute(tag: SaxesTagNS, name: string): string | undefined {
  const found = tag.attributes[name];
  return found !== undefined && found.uri === "" ? found.value : undefined;
}
