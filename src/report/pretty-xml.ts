import { SaxesParser } from "saxes";

/**
 * XML indented by two spaces per level, for a person to read in a report: one element per line,
 * attributes as sent, text kept inline with its element. Whitespace between elements is layout
 * and is dropped; comments stay. Undefined when the text is not well-formed XML (the caller shows it as sent).
 */
export function prettyXml(xml: string): string | undefined {
  const lines: string[] = [];
  const open: { line: number; hasChildren: boolean }[] = [];
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: position tracking only changes the text of parse errors, which are discarded here
  const parser = new SaxesParser({ position: false });
  let failed = false;
  parser.on("error", () => {
    failed = true;
  });
  parser.on("xmldecl", (decl) => {
    lines.push(
      `<?xml version="${decl.version ?? "1.0"}"${decl.encoding ? ` encoding="${decl.encoding}"` : ""}?>`,
    );
  });
  parser.on("opentag", (tag) => {
    const parent = open.at(-1);
    if (parent) parent.hasChildren = true;
    const attributes = Object.entries(tag.attributes)
      .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
      .join("");
    lines.push(
      `${"  ".repeat(open.length)}<${tag.name}${attributes}${tag.isSelfClosing ? "/>" : ">"}`,
    );
    if (!tag.isSelfClosing) open.push({ line: lines.length - 1, hasChildren: false });
  });
  parser.on("text", (text) => {
    const element = open.at(-1);
    if (element && text.trim() !== "") lines[element.line] += escapeXml(text);
  });
  parser.on("comment", (comment) => {
    const parent = open.at(-1);
    if (parent) parent.hasChildren = true;
    lines.push(`${"  ".repeat(open.length)}<!--${comment}-->`);
  });
  parser.on("closetag", (tag) => {
    if (tag.isSelfClosing) return;
    const element = open.pop();
    if (element && !element.hasChildren) lines[element.line] += `</${tag.name}>`;
    else lines.push(`${"  ".repeat(open.length)}</${tag.name}>`);
  });
  parser.write(xml).close();
  return failed ? undefined : lines.join("\n");
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
}
