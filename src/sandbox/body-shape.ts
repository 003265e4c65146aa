import type { BodyFormat } from "./media-types.js";
import { bodyTooLarge, messageNotWellFormed } from "./spine-errors.js";
import type { SpineError } from "./spine-outcome.js";

/**
 * The validator's nesting limit (src/fhir resource-reader MAX_NESTING_DEPTH): a body deeper than
 * this is refused with the validator's own answer, 400, but before anything is parsed.
 */
export const MAX_BODY_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const COMMA = 0x2c;
const QUESTION_MARK = 0x3f;
const EXCLAMATION_MARK = 0x21;

interface Shape {
  nodes: number;
  depth: number;
}

/**
 * One pass over the raw bytes, before any parsing: refuses a body with more nodes than
 * `maxNodes` (JSON: objects, arrays, and each `:` and `,`, that is every member and item; XML:
 * elements and attributes) or deeper than MAX_BODY_DEPTH. Validation costs 5 to 20 µs per node
 * (FHIR.js, the FHIRPath invariants, one issue per unknown member), so an uncapped 1 MiB body of
 * tiny objects or distinct keys held the event loop for seconds; an NDOP Consent has about 60
 * JSON nodes or 40 XML nodes. The scan stops at the first limit crossed: at most one pass.
 */
export function checkBodyShape(
  body: Buffer,
  format: BodyFormat,
  maxNodes: number,
): SpineError | undefined {
  const shape = format === "json" ? jsonShape(body, maxNodes) : xmlShape(body, maxNodes);
  if (shape.depth > MAX_BODY_DEPTH) {
    return messageNotWellFormed(`The body nests deeper than ${MAX_BODY_DEPTH} levels.`);
  }
  if (shape.nodes > maxNodes) {
    return bodyTooLarge(
      `The body has more than ${maxNodes} ${format === "json" ? "JSON objects, arrays, members and items" : "XML elements and attributes"}; an NDOP Consent has about 60.`,
    );
  }
  return undefined;
}

function jsonShape(body: Buffer, maxNodes: number): Shape {
  let nodes = 0;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      nodes += 1;
      depth += 1;
      if (nodes > maxNodes || depth > MAX_BODY_DEPTH) return { nodes, depth };
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    } else if (byte === COLON || byte === COMMA) {
      nodes += 1;
      if (nodes > maxNodes) return { nodes, depth };
    }
  }
  return { nodes, depth: 0 };
}

/**
 * Elements open at `<name`, close at `</` or `/>`; each `=` inside a tag (outside a quoted value)
 * is an attribute. Declarations, comments and CDATA open no element, but an `=` in them counts:
 * only ever an over-count, which errs on the side of refusing a hostile body.
 */
function xmlShape(body: Buffer, maxNodes: number): Shape {
  let nodes = 0;
  let depth = 0;
  let inTag = false;
  let quote = 0;
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index];
    if (quote !== 0) {
      if (byte === quote) quote = 0;
    } else if (inTag) {
      if (byte === QUOTE || byte === APOSTROPHE) quote = byte;
      else if (byte === EQUALS) nodes += 1;
      else if (byte === GREATER_THAN) {
        inTag = false;
        if (body[index - 1] === SLASH) depth -= 1;
      }
    } else if (byte === LESS_THAN) {
      inTag = true;
      const next = body[index + 1];
      if (next === SLASH) depth -= 1;
      else if (next !== QUESTION_MARK && next !== EXCLAMATION_MARK) {
        nodes += 1;
        depth += 1;
      }
    }
    if (nodes > maxNodes || depth > MAX_BODY_DEPTH) return { nodes, depth };
  }
  return { nodes, depth: 0 };
}
