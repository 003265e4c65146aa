import { randomUUID } from "node:crypto";
import { type NdopValidator, writeFhirXml } from "../fhir/index.js";
import type { SandboxReply } from "./context.js";
import type { FaultName } from "./faults.js";
import type { ResponseType } from "./media-types.js";
import type { SandboxSettings } from "./settings.js";
import { operationOutcome, type SpineError } from "./spine-outcome.js";

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** A Spine error as a Spine-OperationOutcome-1 reply. */
export function errorReply(error: SpineError): SandboxReply {
  return {
    status: error.status,
    headers: { ...error.headers },
    resource: operationOutcome(error, randomUUID()),
  };
}

/**
 * The fault modes that change how a reply is written rather than what it says: the wire layer.
 * The fault modes that reshape a reply are reply-faults.ts; those that forget a rule, rule-set.ts.
 */
export const WIRE_FAULTS = [
  "json-when-xml-asked",
  "xml-without-namespace",
  "content-type-plain-json",
] as const satisfies readonly FaultName[];

/** Puts a reply on the wire in the negotiated format, with the wire faults applied. */
export function toWire(
  reply: SandboxReply,
  type: ResponseType,
  faults: ReadonlySet<FaultName>,
  validator: NdopValidator,
  style: WireStyle,
): WireResponse {
  const headers = { ...reply.headers };
  if (reply.resource === undefined) return { status: reply.status, headers };
  const resource = reply.resource;
  const jsonForced = faults.has("json-when-xml-asked");
  // Stryker disable next-line StringLiteral: only "xml" is told apart below; any other format is written as JSON.
  const format = jsonForced ? "json" : type.format;
  const mediaType = jsonForced ? "application/fhir+json" : type.mediaType;
  let body: string;
  if (format === "xml") {
    body = writeFhirXml(validator.inDefinitionOrder(resource));
    if (style.xmlStyle === "prefixed-indented") body = prefixedIndented(body);
    if (faults.has("xml-without-namespace"))
      body = body.replaceAll(' xmlns="http://hl7.org/fhir"', "");
  } else {
    body =
      style.jsonStyle === "indented-reordered"
        ? JSON.stringify(reordered(resource), null, 2)
        : JSON.stringify(resource);
  }
  const plain = format === "xml" ? "application/xml" : "application/json";
  headers["Content-Type"] =
    `${faults.has("content-type-plain-json") ? plain : mediaType}${style.charset ? "; charset=utf-8" : ""}`;
  return { status: reply.status, headers, body };
}

/** How answers are written: the serialisation freedoms of the sandbox variants. */
export type WireStyle = Pick<SandboxSettings, "jsonStyle" | "xmlStyle" | "charset">;

/** Every object's keys in reverse order: JSON FHIR gives key order no meaning. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reordered(item)]),
  );
}

/**
 * FHIR XML with the namespace bound to the prefix `f:` and a line break between elements: both
 * are XML freedoms a FHIR client must accept. XHTML narrative keeps its own namespace untouched.
 */
function prefixedIndented(xml: string): string {
  if (xml.includes("http://www.w3.org/1999/xhtml")) return xml.replaceAll("><", ">\n<");
  return xml
    .replace(/<(\/?)([A-Za-z])/g, "<$1f:$2")
    .replace(' xmlns="http://hl7.org/fhir"', ' xmlns:f="http://hl7.org/fhir"')
    .replaceAll("><", ">\n  <");
}
