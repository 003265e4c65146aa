import { SaxesParser } from "saxes";
import { escapeXml } from "./xml-text.js";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = { element: XmlElement } | { text: string };

/**
 * Parses XML into a plain tree with saxes, a strict XML 1.0 parser: any well-formedness error
 * (an unclosed tag, an undefined entity, a second root) throws with its line and column. The
 * caller refuses DTDs before this, so no entity is ever declared, expanded or fetched.
 */
export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push({ element });
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  const addText = (text: string) => stack.at(-1)?.children.push({ text });
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.write(xml).close();
  if (failure) throw failure;
  if (root === undefined) throw new Error("no root element");
  return root;
}

/** Writes an element back as XML text (for XHTML narrative, kept as a string in FHIR JSON). */
export function serializeXml(element: XmlElement): string {
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join("");
  if (element.children.length === 0) return `<${element.name}${attributes}/>`;
  const inner = element.children
    .map((child) => ("element" in child ? serializeXml(child.element) : escapeXml(child.text)))
    .join("");
  return `<${element.name}${attributes}>${inner}</${element.name}>`;
}
