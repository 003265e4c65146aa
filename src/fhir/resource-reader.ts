import type { ValidationIssue } from "./issues.js";
import { isResourceType, type TypeModel } from "./type-model.js";
import { readFhirXml } from "./xml-reader.js";

export type ResourceFormat = "json" | "xml";
export type JsonObject = Record<string, unknown>;

export type ReadResult =
  | { ok: true; resource: JsonObject; format: ResourceFormat; issues: ValidationIssue[] }
  | { ok: false; format?: ResourceFormat; issues: ValidationIssue[] };

/** Real FHIR resources nest about a dozen levels; far deeper input is an attack or an accident. */
export const MAX_NESTING_DEPTH = 64;

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
  const body = text.replace(/^\uFEFF/, "").trim();
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
    const xml = readFhirXml(body, model);
    return xml.ok
      ? checkParsed(xml.resource, "xml", model, xml.issues)
      : { ok: false, format: "xml", issues: xml.issues };
  }
  return fatal(
    "parse-format",
    "The input is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<').",
  );
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function readJson(text: string, model: TypeModel): ReadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason =
      error instanceof RangeError ? "it is nested too deeply" : describeJsonError(error, text);
    return fatal("parse-json", `The JSON is not well-formed: ${reason}.`, "json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fatal(
      "parse-json",
      "The JSON is not an object, so it cannot be a FHIR resource.",
      "json",
    );
  }
  return checkParsed(parsed as JsonObject, "json", model, []);
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) {
    const lines = text.split("\n");
    return `${message} (after line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1})`;
  }
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${column}`;
}

function checkParsed(
  resource: JsonObject,
  format: ResourceFormat,
  model: TypeModel,
  issues: ValidationIssue[],
): ReadResult {
  if (depthExceeds(resource, MAX_NESTING_DEPTH)) {
    return fatal(
      "parse-depth",
      `The resource nests deeper than ${MAX_NESTING_DEPTH} levels.`,
      format,
    );
  }
  const type = resource.resourceType;
  if (typeof type !== "string") {
    return fatal("unknown-resource-type", "The resource has no resourceType.", format);
  }
  if (!isResourceType(type, model)) {
    return fatal(
      "unknown-resource-type",
      `"${type}" is not a FHIR STU3 resource type.`,
      format,
      type,
    );
  }
  return { ok: true, resource, format, issues };
}

/** Iterative, so hostile nesting cannot overflow the stack. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > limit) return true;
    if (node !== null && typeof node === "object") {
      for (const child of Object.values(node)) {
        if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
      }
    }
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
