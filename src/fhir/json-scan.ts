const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

export interface JsonCounts {
  /** Object members written in the text (each `"name":` outside a string). */
  members: number;
  /** Values written in the text, roughly: every member, array item and container. */
  values: number;
  /** Deepest nesting of objects and arrays. */
  depth: number;
}

/**
 * Counts what JSON text holds, in one pass over its characters and before anything is built, so
 * that hostile input (millions of tiny values) is refused before JSON.parse allocates it, and so
 * that duplicate member names, which JSON.parse silently merges, can be noticed by comparing the
 * members written with the members parsed. Assumes nothing about well-formedness: JSON.parse
 * judges that afterwards.
 */
export function countJson(text: string): JsonCounts {
  let members = 0;
  let values = 1;
  let depth = 0;
  let deepest = 0;
  let position = 0;
  while (position < text.length) {
    const quote = text.indexOf('"', position);
    const end = quote === -1 ? text.length : quote;
    // Outside strings: structure, numbers and literals only, so short runs.
    for (let index = position; index < end; index += 1) {
      const code = text.charCodeAt(index);
      if (code === COLON) members += 1;
      else if (code === COMMA) values += 1;
      else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        values += 1;
        depth += 1;
        if (depth > deepest) deepest = depth;
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth -= 1;
    }
    if (quote === -1) break;
    position = closingQuote(text, quote) + 1;
  }
  return { members, values, depth: deepest };
}

/** The index of the quote closing the string opened at `open` (or the text's end). */
function closingQuote(text: string, open: number): number {
  let next = text.indexOf('"', open + 1);
  while (next !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(next - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return next;
    next = text.indexOf('"', next + 1);
  }
  return text.length;
}

/** Members of every object in a parsed JSON value (iterative: nesting is bounded elsewhere). */
export function countParsedMembers(root: unknown): number {
  let members = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    // The one test for a container: every value is pushed, and a string or number is skipped here.
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    for (const key in node) {
      members += 1;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return members;
}

/**
 * The first member name that appears twice in one object, with its FHIRPath-like location; only
 * called once the counts show there is one, so it may be slower than JSON.parse. Expects
 * well-formed JSON (JSON.parse has accepted it).
 */
export function findDuplicateMember(text: string, root: string): string | undefined {
  const scanner = new DuplicateScanner(text);
  return scanner.scan(root);
}

interface Container {
  /** Location of the container, e.g. `Consent.extension[0]`. */
  path: string;
  /** Names seen so far, for an object; undefined for an array. */
  names?: Set<string>;
  /** Index of the next item, for an array. */
  index: number;
}

class DuplicateScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  scan(root: string): string | undefined {
    const stack: Container[] = [];
    let pendingPath = root;
    const text = this.text;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      const top = stack.at(-1);
      if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        const path =
          top?.names === undefined && top !== undefined ? `${top.path}[${top.index}]` : pendingPath;
        stack.push(
          code === OPEN_OBJECT ? { path, names: new Set(), index: 0 } : { path, index: 0 },
        );
        this.position += 1;
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        stack.pop();
        this.position += 1;
      } else if (code === COMMA) {
        // Commas count an array's items; an object counts them too but never reads its index.
        if (top !== undefined) top.index += 1;
        this.position += 1;
      } else if (code === QUOTE) {
        const name = this.readString();
        if (top?.names !== undefined && this.nextIsColon()) {
          if (top.names.has(name)) return `${top.path}.${name}`;
          top.names.add(name);
          pendingPath = `${top.path}.${name}`;
        }
      } else this.position += 1;
    }
    return undefined;
  }

  /** Reads the string that opens at the position, and moves past its closing quote. */
  private readString(): string {
    const end = closingQuote(this.text, this.position);
    const literal = this.text.slice(this.position, end + 1);
    this.position = end + 1;
    return JSON.parse(literal) as string;
  }

  private nextIsColon(): boolean {
    let index = this.position;
    // Past the end, charAt gives "", which is not white space: no bound needed.
    while (/\s/.test(this.text.charAt(index))) index += 1;
    return this.text.charCodeAt(index) === COLON;
  }
}
