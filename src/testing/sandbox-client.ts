import { request } from "undici";
import { expect } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import type { Interaction } from "../config/index.js";
import {
  type JsonObject,
  NdopValidator,
  SPINE_OUTCOME_PROFILE,
  type ValidationResult,
  writeOrderedFhirXml,
} from "../fhir/index.js";
import {
  DEFAULT_SETTINGS,
  type RunningSandbox,
  type SandboxSettings,
  type StartOptions,
  startSandbox,
} from "../sandbox/index.js";

let sharedValidator: NdopValidator | undefined;

/** One validator for every sandbox a test run starts: loading it costs ~250 ms. */
export function testValidator(): NdopValidator {
  sharedValidator ??= NdopValidator.create();
  return sharedValidator;
}

export function startTestSandbox(
  settings: Partial<SandboxSettings> = {},
  options: Omit<StartOptions, "validator"> = {},
): Promise<RunningSandbox> {
  return startSandbox(
    { adminEnabled: true, ...settings },
    { ...options, validator: testValidator() },
  );
}

export interface Exchange {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body read back as FHIR JSON (from JSON or XML), when it is a resource. */
  resource?: JsonObject;
  /** The same, or an empty object when there is none: for reading fields in assertions. */
  body: JsonObject;
  /** The body judged by the project's validator. */
  validation?: ValidationResult;
}

export interface SendOptions {
  format?: "json" | "xml";
  /** A resource, sent in `format`; or raw bytes/text sent as they are. */
  body?: JsonObject | string | Buffer;
  contentType?: string;
  accept?: string;
  /** Ssp-InteractionID to send; none sends no security headers at all. */
  interaction?: Interaction | "none";
  headers?: Record<string, string>;
}

const MEDIA = { json: "application/fhir+json", xml: "application/fhir+xml" } as const;

/** Sends one request to the sandbox over real HTTP (undici) and reads the answer back. */
export async function send(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Exchange> {
  const format = options.format ?? "json";
  const interaction = options.interaction ?? "capabilities";
  const headers: Record<string, string> = {
    Accept: options.accept ?? MEDIA[format],
    ...(interaction === "none"
      ? {}
      : buildSpineHeaders(SANDBOX_IDENTITY, DEFAULT_SETTINGS.interactionIds[interaction])),
    ...options.headers,
  };
  let body: string | Buffer | undefined;
  if (options.body !== undefined) {
    body =
      typeof options.body === "string" || Buffer.isBuffer(options.body)
        ? options.body
        : format === "xml"
          ? writeOrderedFhirXml(options.body)
          : JSON.stringify(options.body);
    headers["Content-Type"] = options.contentType ?? MEDIA[format];
  }
  const response = await request(`${sandbox.baseUrl}${path}`, {
    method: method as "GET",
    headers,
    body,
  });
  const text = await response.body.text();
  const exchange: Exchange = {
    status: response.statusCode,
    headers: flatten(response.headers),
    text,
    body: {},
  };
  if (text.trim() !== "") {
    const { result, resource } = testValidator().check(text);
    exchange.validation = result;
    if (resource) {
      exchange.resource = resource;
      exchange.body = resource;
    }
  }
  return exchange;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(", ") : (value ?? ""),
    ]),
  );
}

/** The Spine code of an OperationOutcome answer. */
export function spineCodeOf(exchange: Exchange): string | undefined {
  const issue = (exchange.body.issue as JsonObject[] | undefined)?.[0];
  return (issue?.details as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code;
}

/** The diagnostics of an OperationOutcome answer's first issue. */
export function diagnosticsOf(exchange: Exchange): unknown {
  return ((exchange.body.issue as JsonObject[])[0] as JsonObject).diagnostics;
}

/** A second sandbox (sequence ids) for one test, closed after it whatever happens. */
export async function withTestSandbox<T>(
  settings: Partial<SandboxSettings>,
  body: (other: RunningSandbox) => Promise<T>,
): Promise<T> {
  const other = await startTestSandbox({ idScheme: "sequence", ...settings });
  try {
    return await body(other);
  } finally {
    await other.close();
  }
}

/** An error answer: the status, a valid Spine-OperationOutcome-1, its issue code and Spine code. */
export function expectSpineOutcome(
  answer: Exchange,
  status: number,
  issueCode: string,
  spineCode: string,
): void {
  expect(answer.status, answer.text.slice(0, 400)).toBe(status);
  expect(answer.body.resourceType).toBe("OperationOutcome");
  expect(answer.validation?.valid, JSON.stringify(answer.validation?.issues)).toBe(true);
  expect(answer.validation?.profiles).toEqual([SPINE_OUTCOME_PROFILE]);
  expect((answer.body.issue as JsonObject[])[0]?.code).toBe(issueCode);
  expect(spineCodeOf(answer)).toBe(spineCode);
}
