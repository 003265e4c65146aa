import { randomUUID } from "node:crypto";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { ConformanceError } from "../errors/index.js";
import { type JsonObject, NdopValidator } from "../fhir/index.js";
import { checkAdminRequest, newAdminToken } from "./admin-guard.js";
import { checkBodyShape } from "./body-shape.js";
import type { SandboxContext, SandboxReply, SandboxRequest } from "./context.js";
import { parseFaults } from "./faults.js";
import { seedConsent } from "./handlers/admin.js";
import { idScheme } from "./id-scheme.js";
import { type ResponseType, requestFormat, responseType } from "./media-types.js";
import { applyReplyFaults } from "./reply-faults.js";
import { errorReply, toWire } from "./responses.js";
import { type Route, routeFor } from "./router.js";
import { ruleSet } from "./rule-set.js";
import { checkClientCertificate, checkSecurity } from "./security-checks.js";
import { type SandboxSettings, sandboxSettings } from "./settings.js";
import {
  bodyTooLarge,
  internalFault,
  messageNotWellFormed,
  methodNotAllowed,
  pathNotServed,
} from "./spine-errors.js";
import { operationOutcome, SpineError } from "./spine-outcome.js";
import { openStore, type StoredVersion } from "./store/index.js";

export interface RunningSandbox {
  /** The FHIR base URL, e.g. `http://127.0.0.1:41234/STU3`. */
  baseUrl: string;
  port: number;
  settings: SandboxSettings;
  /** The bearer token of the admin routes, when they are on (`adminEnabled`). */
  adminToken?: string;
  /** Forget every Consent (tests, Pact provider states). */
  reset(): void;
  /** Store a Consent as given, without the API's checks (tests, Pact provider states). */
  seed(consent: JsonObject): StoredVersion;
  close(): Promise<void>;
}

export interface StartOptions {
  /** One line per request; nothing when absent. */
  log?: (line: string) => void;
  /** Share an already-loaded validator (it takes ~250 ms to load). */
  validator?: NdopValidator;
}

/** Starts the NDOP sandbox on loopback (by default) and resolves once it is listening. */
export async function startSandbox(
  overrides: Partial<SandboxSettings> = {},
  options: StartOptions = {},
): Promise<RunningSandbox> {
  const settings = sandboxSettings(overrides);
  if (settings.publicBaseUrl !== undefined)
    settings.publicBaseUrl = checkedBaseUrl(settings.publicBaseUrl);
  if (settings.adminEnabled && !settings.adminToken) settings.adminToken = newAdminToken();
  const context: SandboxContext = {
    settings,
    faults: new Set(parseFaults(settings.faults)),
    rules: ruleSet(parseFaults(settings.faults)),
    store: openStore(settings.store),
    validator: options.validator ?? NdopValidator.create(),
    ids: idScheme(settings.idScheme),
    baseUrl: "",
  };
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    serve(request, response, context, options.log).catch((error: unknown) => {
      // Even a failure while writing the answer is answered with an OperationOutcome, in JSON.
      const outcome = operationOutcome(internalFailure(error, options.log), randomUUID());
      if (!response.headersSent)
        response
          .writeHead(500, { "Content-Type": "application/fhir+json; charset=utf-8" })
          .end(JSON.stringify(outcome));
    });
  };
  const server = createServer(settings, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const baseUrl = `${settings.tls ? "https" : "http"}://${host}:${port}${settings.basePath}`;
  // Set before any request is read: connections are served on later turns of the event loop.
  context.baseUrl = settings.publicBaseUrl ?? baseUrl;
  return {
    baseUrl,
    port,
    settings,
    ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
    reset: () => context.store.reset(),
    seed: (consent) => seeded(consent, context),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          context.store.close();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * RunningSandbox.seed: the stored version, or a ConformanceError when the sandbox refuses the
 * seed (a Consent for that preference is already there): the one place a Spine answer leaves
 * the sandbox, so it becomes an error of the one hierarchy.
 */
function seeded(consent: JsonObject, context: SandboxContext): StoredVersion {
  const version = seedConsent(consent, context);
  if (version instanceof SpineError) {
    throw new ConformanceError("USAGE", version.message, {
      status: version.status,
      spineCode: version.spineCode,
    });
  }
  return version;
}

/** HTTP, or HTTPS (mutual TLS with a client CA), with bounded header and request times. */
function createServer(
  settings: SandboxSettings,
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const server: Server = settings.tls
    ? createHttpsServer(
        {
          key: settings.tls.key,
          cert: settings.tls.cert,
          ca: settings.tls.clientCa,
          requestCert: Boolean(settings.tls.clientCa),
          rejectUnauthorized: false,
          minVersion: "TLSv1.2",
        },
        listener,
      )
    : createHttpServer(listener);
  // Hostile or stalled clients must not hold the sandbox: bounded header and request times.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  context: SandboxContext,
  log?: (line: string) => void,
): Promise<void> {
  const started = process.hrtime.bigint();
  // An http(s).Server's request always has its url.
  const url = new URL(request.url as string, "http://sandbox");
  let type: ResponseType = { mediaType: "application/fhir+json", format: "json" };
  const segments = segmentsOf(url.pathname, context.settings.basePath);
  let answer: SandboxReply | SpineError;
  try {
    const negotiated = responseType(
      request.headers.accept,
      url.searchParams.get("_format") ?? undefined,
      context.rules.enforces("format-parameter-honoured"),
    );
    if (negotiated instanceof SpineError) answer = negotiated;
    else {
      type = negotiated;
      answer = await handle(request, url, segments, context);
      // Nothing is answered before the writes it follows (or saw) are committed.
      const committing = context.store.committed();
      if (committing) await committing;
    }
  } catch (error) {
    answer = internalFailure(error, log);
  }
  const line = {
    // Stryker disable next-line StringLiteral: an http(s).Server's request always has its method.
    method: request.method ?? "GET",
    segments: segments ?? [],
    query: url.searchParams,
  };
  const reply = applyReplyFaults(
    answer instanceof SpineError ? errorReply(answer) : answer,
    line,
    context,
  );
  const wire = toWire(reply, type, context.faults, context.validator, context.settings);
  // Answered before the body was read (a refusal): do not wait for the rest of it. With
  // Connection: close, Node ends the connection itself once the answer is written.
  if (!request.complete) wire.headers.Connection = "close";
  response.writeHead(wire.status, wire.headers);
  response.end(wire.body);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  log?.(
    `${new Date().toISOString()} ${request.method} ${url.pathname}${url.search} ${wire.status} ${elapsed.toFixed(1)}ms`,
  );
}

/** The path segments after the base path, or undefined for a path outside it. */
function segmentsOf(path: string, basePath: string): string[] | undefined {
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  return path
    .slice(basePath.length)
    .split("/")
    .filter((segment) => segment !== "");
}

async function handle(
  request: IncomingMessage,
  url: URL,
  segments: string[] | undefined,
  context: SandboxContext,
): Promise<SandboxReply | SpineError> {
  const { settings } = context;
  const path = url.pathname;
  if (segments === undefined) {
    return pathNotServed(
      `Nothing is served at ${path.slice(0, 120)}; the FHIR base is ${settings.basePath}.`,
    );
  }
  const methods = routeFor(segments, settings.adminEnabled);
  if (methods === undefined) return pathNotServed(`${path.slice(0, 120)} is not an NDOP API path.`);
  // Stryker disable next-line StringLiteral: an http(s).Server's request always has its method.
  const route = methods[request.method ?? ""];
  if (route === undefined) {
    const allow = Object.keys(methods).join(", ");
    return methodNotAllowed(request.method, path.slice(0, 120), allow);
  }
  const refused = checkCredentials(request, route, context);
  if (refused) return refused;
  const body = route.hasBody ? await readBody(request, settings.maxBodyBytes) : Buffer.alloc(0);
  if (body instanceof SpineError) return body;
  if (route.hasBody && route.interaction) {
    const format = requestFormat(request.headers["content-type"]);
    const misshapen =
      format instanceof SpineError ? format : checkBodyShape(body, format, settings.maxBodyNodes);
    if (misshapen) return misshapen;
  }
  const sandboxRequest: SandboxRequest = {
    // Stryker disable next-line StringLiteral,LogicalOperator: an http(s).Server's request always has its method, and no handler reads it (the route was chosen by it above).
    method: request.method ?? "GET",
    segments,
    query: url.searchParams,
    headers: request.headers,
    body,
    baseUrl: context.baseUrl,
  };
  return route.handler(sandboxRequest, context);
}

/** The client certificate, the admin token or the JWT and Ssp-* headers refused, if they are. */
function checkCredentials(
  request: IncomingMessage,
  route: Route,
  { settings, rules }: SandboxContext,
): SpineError | undefined {
  return (
    checkClientCertificate(request.socket as TLSSocket, settings) ??
    // Stryker disable next-line StringLiteral: admin routes are routed only when adminEnabled, when startSandbox sets a token; and no one-word Bearer value could equal a fallback with spaces.
    (route.admin ? checkAdminRequest(request.headers, settings.adminToken ?? "") : undefined) ??
    (route.interaction && settings.security === "strict"
      ? checkSecurity(request.headers, route.interaction, settings, {
          token: rules.enforces("jwt-required"),
          headers: rules.enforces("ssp-headers-required"),
        })
      : undefined)
  );
}

// Stryker disable next-line StringLiteral: the client has gone: Node answers it a bare 400 itself, and this answer reaches no wire (only its status is logged).
const CUT_SHORT = "The request body was cut short.";

/** The request body, refused with 413 past the limit without reading the rest. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | SpineError> {
  const declared = Number(request.headers["content-length"] ?? Number.NaN);
  if (declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        resolve(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
    request.on("aborted", () => resolve(messageNotWellFormed(CUT_SHORT)));
  });
}

function tooLarge(limit: number): SpineError {
  return bodyTooLarge(`The body is larger than the sandbox accepts (${limit} bytes).`);
}

/**
 * Anything a handler or the store throws that is not an answer (a disk error, a locked or damaged
 * SQLite file) is still a Spine OperationOutcome: 500, issue type exception, never an empty body.
 * Spine-ErrorOrWarningCode-1 has no code for a server fault; INVALID_REQUEST_STATE ("not in an
 * appropriate state for the call to succeed") is the one that describes it without blaming the
 * request.
 */
function internalFailure(error: unknown, log?: (line: string) => void): SpineError {
  const message = error instanceof Error ? error.message : String(error);
  log?.(`internal error: ${message}`);
  return internalFault(message.slice(0, 200));
}

/** An absolute http(s) URL without a trailing slash, or a USAGE error naming the setting. */
function checkedBaseUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    throw new ConformanceError(
      "USAGE",
      `The public base URL must be an absolute http(s) URL such as https://sandbox.example/STU3, not "${value.slice(0, 120)}".`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
