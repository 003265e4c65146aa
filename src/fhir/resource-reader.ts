import type { DroppedIssues, ValidationIssue } from "./issues.js";
import type { JsonObject } from "./json-object.js";
import { countJson, countParsedMembers, findDuplicateMember } from "./json-scan.js";
import { closeResourceType, isResourceType, type TypeModel } from "./type-model.js";
import { readFhirXml } from "./xml-reader.js";

export type ResourceFormat = "json" | "xml";
export type { JsonObject };

export type ReadResult =
  | {
      ok: true;
      resource: JsonObject;
      format: ResourceFormat;
      issues: ValidationIssue[];
      /** Issues found but not kept (over the cap), to be counted in the verdict. */
      dropped?: DroppedIssues;
    }
  | { ok: false; format?: ResourceFormat; issues: ValidationIssue[]; readable?: true };

/** Real FHIR resources nest about a dozen levels; far deeper input is an attack or an accident. */
export const MAX_NESTING_DEPTH = 64;

/**
 * Values (JSON) or elements (XML) one resource may hold. A 20-entry history Bundle has about a
 * thousand; millions of tiny ones are an attack, refused before they are built in memory.
 */
export const MAX_ELEMENTS = 100_000;

const BOM = "\uFEFF";

/**
 * Turns raw input (bytes, text or an already-parsed object) into a FHIR JSON object, or explains
 * why it cannot: never throws for bad input.
 */
export function readResource(
  input: Uint8Array | string | object,
  model: TypeModel,
  expected?: ResourceFormat,
): ReadResult {
  if (typeof input === "object" && !(input instanceof Uint8Array)) {
    return checkParsed(input as JsonObject, "json", model, []);
  }
  const text = typeof input === "string" ? input : decodeUtf8(input);
  if (text === undefined) return fatal("parse-encoding", "The input is not valid UTF-8 text.");
  if (text.includes("\u0000"))
    return fatal("parse-binary", "The input is binary, not FHIR JSON or XML.");
  const unmarked = text.startsWith(BOM) ? text.slice(1) : text;
  // trim() would also remove further BOMs; only one is allowed, at the very start.
  if (/^[\t\n\r ]*\uFEFF/.test(unmarked))
    return fatal("parse-bom", "The input starts with more than one byte-order mark (BOM).");
  const body = unmarked.trim();
  if (body === "") return fatal("parse-empty", "The input is empty.");
  const found: ResourceFormat | undefined = body.startsWith("{")
    ? "json"
    : body.startsWith("<")
      ? "xml"
      : undefined;
  if (expected !== undefined && found !== undefined && found !== expected) {
    return fatal(
      "parse-format",
      `The input was declared as ${expected.toUpperCase()} but is ${found.toUpperCase()}.`,
      expected,
    );
  }
  if (body.startsWith("{")) return readJson(body, model);
  if (body.startsWith("<")) {
    const xml = readFhirXml(body, model, { depth: 2 * MAX_NESTING_DEPTH, elements: MAX_ELEMENTS });
    if (xml.ok) {
      const read = checkParsed(xml.resource, "xml", model, xml.issues);
      return read.ok ? { ...read, dropped: xml.dropped } : read;
    }
    return xml.readable
      ? { ok: false, format: "xml", issues: xml.issues, readable: true }
      : { ok: false, format: "xml", issues: xml.issues };
  }
  return fatal(
    "parse-format",
    "The input is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<').",
  );
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    // Stryker disable next-line BlockStatement: without the return the function still returns undefined.
  } catch {
    return undefined;
  }
}

function readJson(text: string, model: TypeModel): ReadResult {
  const counts = countJson(text);
  if (counts.depth > MAX_NESTING_DEPTH) return nestedTooDeeply("json");
  if (counts.values > MAX_ELEMENTS) return tooManyJsonValues();
  // The text starts with "{", so what parses is an object; countJson has measured its nesting
  // (no second walk), and refused any deep enough to overflow JSON.parse's stack.
  let parsed: JsonObject;
  try {
    parsed = JSON.parse(text) as JsonObject;
  } catch (error) {
    return fatal(
      "parse-json",
      `The JSON is not well-formed: ${describeJsonError(error, text)}.`,
      "json",
    );
  }
  const read = checkResourceType(parsed, "json", model, []);
  if (read.ok && countParsedMembers(parsed) !== counts.members) {
    read.issues.push(duplicateMember(text, String(read.resource.resourceType)));
  }
  return read;
}

/** JSON.parse keeps only the last of two same-named members; the text had both. */
function duplicateMember(text: string, root: string): ValidationIssue {
  const location = findDuplicateMember(text, root) ?? root;
  return {
    severity: "error",
    code: "structure",
    location,
    message: `The JSON object has the property "${location.slice(location.lastIndexOf(".") + 1)}" more than once; JSON readers keep only one of them, so FHIR forbids it.`,
    ruleId: "json-duplicate-property",
    layer: "parse",
  };
}

function nestedTooDeeply(format: ResourceFormat): ReadResult {
  return fatal(
    "parse-depth",
    `The resource nests deeper than ${MAX_NESTING_DEPTH} levels.`,
    format,
  );
}

/** The XML reader counts its elements as it reads and refuses in its own words. */
function tooManyJsonValues(): ReadResult {
  return fatal(
    "too-many-elements",
    `The resource holds more than ${MAX_ELEMENTS.toLocaleString("en-GB")} JSON values; it is refused as too costly to judge.`,
    "json",
  );
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) {
    // V8 then quotes the text (or a window of it) as it is: its line breaks are shown, not kept,
    // so that the refusal stays one line.
    const quoted = message.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
    const lines = text.split("\n");
    // Stryker disable next-line OptionalChaining: split always gives at least one line, so at(-1) is never undefined.
    return `${quoted} (after line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1})`;
  }
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  // V8 ends the message with " in JSON at position N", and Node 22 with " (line L column C)" after it.
  return `${message.split(" in JSON at position ")[0]} at line ${line}, column ${column}`;
}

function checkParsed(
  resource: JsonObject,
  format: ResourceFormat,
  model: TypeModel,
  issues: ValidationIssue[],
): ReadResult {
  if (depthExceeds(resource, MAX_NESTING_DEPTH)) return nestedTooDeeply(format);
  return checkResourceType(resource, format, model, issues);
}

function checkResourceType(
  resource: JsonObject,
  format: ResourceFormat,
  model: TypeModel,
  issues: ValidationIssue[],
): ReadResult {
  const type = resource.resourceType;
  if (typeof type !== "string") {
    return fatal("unknown-resource-type", "The resource has no resourceType.", format);
  }
  if (!isResourceType(type, model)) {
    const close = closeResourceType(type, model);
    if (close !== undefined) return wrongCase(type, close, format);
    return fatal(
      "unknown-resource-type",
      `"${type}" is not a FHIR STU3 resource type.`,
      format,
      type,
    );
  }
  return { ok: true, resource, format, issues };
}

/** Read, but judged invalid as a whole: `consent` for `Consent` is a mistake, not noise. */
function wrongCase(type: string, close: string, format: ResourceFormat): ReadResult {
  const issue: ValidationIssue = {
    severity: "error",
    code: "invalid",
    location: "resourceType",
    message: `"${type}" is not a FHIR STU3 resource type; resource types are case-sensitive (did you mean "${close}"?).`,
    ruleId: "resource-type-case",
    layer: "parse",
  };
  return { ok: false, format, issues: [issue], readable: true };
}

/**
 * Iterative, so hostile nesting cannot overflow the stack. Every XML resource read passes here,
 * so it allocates nothing per container: the containers and their depths are kept on two stacks,
 * and an array is iterated as an array (for...in over an array was several times slower).
 */
function depthExceeds(root: object, limit: number): boolean {
  const containers: object[] = [root];
  const depths: number[] = [1];
  const visit = (child: unknown, depth: number) => {
    if (child !== null && typeof child === "object") {
      containers.push(child);
      depths.push(depth + 1);
    }
  };
  while (containers.length > 0) {
    const node = containers.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    if (Array.isArray(node)) for (const child of node) visit(child, depth);
    else for (const key in node) if (Object.hasOwn(node, key)) visit(node[key], depth);
  }
  return false;
}

function fatal(
  ruleId: string,
  message: string,
  format?: ResourceFormat,
  location = "",
): ReadResult {
  const issue: ValidationIssue = {
    severity: "fatal",
    code: "structure",
    location,
    message,
    ruleId,
    layer: "parse",
  };
  return format === undefined
    ? { ok: false, issues: [issue] }
    : { ok: false, format, issues: [issue] };
}
