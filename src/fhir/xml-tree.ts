import type { SaxesTagNS } from "saxes";
import { escapeXml } from "./xml-text.js";

/**
 * Writes an XHTML narrative back as XML text while it streams past (FHIR JSON keeps narrative as
 * a string), with no tree in between: memory is the text itself.
 */
export class XhtmlWriter {
  private readonly chunks: string[] = [];
  private parts: string[] = [];
  // Stryker disable next-line ArrayDeclaration: the reader closes only tags it opened, so a name placed before them would never be popped.
  private readonly names: string[] = [];
  /** Whether the last start tag is still open (`<a` written, `>` or `/>` not yet). */
  private pending = false;

  open(tag: SaxesTagNS): void {
    this.settle();
    const attributes = Object.values(tag.attributes)
      .map((attribute) => ` ${attribute.name}="${escapeXml(attribute.value)}"`)
      .join("");
    this.write(`<${tag.name}${attributes}`);
    this.names.push(tag.name);
    this.pending = true;
  }

  close(): void {
    const name = this.names.pop();
    if (this.pending) this.write("/>");
    else this.write(`</${name}>`);
    this.pending = false;
  }

  text(text: string): void {
    this.settle();
    this.write(escapeXml(text));
  }

  /** The narrative written so far (all of it, once its root has closed). */
  written(): string {
    return [...this.chunks, this.parts.join("")].join("");
  }

  private settle(): void {
    if (this.pending) this.write(">");
    this.pending = false;
  }

  private write(part: string): void {
    this.parts.push(part);
    // Joined in batches, so a narrative of a million tiny tags does not keep a million strings.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: batching only bounds memory; written() joins chunks and parts in order, so the text is the same however often it batches.
    if (this.parts.length >= 4096) {
      this.chunks.push(this.parts.join(""));
      this.parts = [];
    }
  }
}
