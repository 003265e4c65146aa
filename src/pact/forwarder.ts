import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NdopClient } from "../client/index.js";
import type { RunConfig } from "../config/index.js";
import { isConformanceError } from "../errors/index.js";
import { type NextRequest, withCredentials } from "./credentials.js";

/** A replayed request is a test fixture, never bulk data: bigger bodies are refused. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ForwarderOptions {
  client: NdopClient;
  config: Pick<RunConfig, "interactionIds">;
  /** The pact's FHIR base path. */
  pactBasePath: string;
  /** Set by the provider states before each interaction; consumed by the next request. */
  next: NextRequest;
}

export interface Forwarder {
  /** Where the Pact verifier sends its replayed requests (plain HTTP on loopback). */
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback forwarder between the Pact verifier and the target. The verifier replays each
 * interaction to it; it relays the request through the NDOP client, so the replay gets the
 * client's mutual TLS, CA bundle, proxy, fresh credentials and, above all, the Production guard.
 * A path under `pactBasePath` (the pact's FHIR base) is sent under the target's own base URL.
 * A request lacking credentials gets them (see credentials.ts), unless its provider state keeps
 * them absent; a request whose provider state failed is answered 500 with that failure.
 */
export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const server: Server = createServer((request, response) => {
    const next = { ...options.next, keepAbsent: new Set(options.next.keepAbsent) };
    options.next.keepAbsent.clear();
    delete options.next.failure;
    relay(request, response, options, next).catch((error: unknown) => {
      answer(response, 502, `the forwarder failed: ${messageOf(error)}`);
    });
  });
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function relay(
  request: IncomingMessage,
  response: ServerResponse,
  options: ForwarderOptions,
  next: NextRequest,
): Promise<void> {
  const body = await readBody(request);
  if (body === undefined) return answer(response, 413, "the replayed body is over 10 MiB");
  if (next.failure !== undefined) return answer(response, 500, next.failure);
  const { client, pactBasePath } = options;
  const url = request.url ?? "/";
  const path = url.startsWith(`${pactBasePath}/`) ? url.slice(pactBasePath.length) : url;
  const method = request.method ?? "GET";
  try {
    const answered = await client.relay({
      method,
      path,
      headers: withCredentials(
        flatten(request.headers),
        { method, path },
        options.config,
        next.keepAbsent,
      ),
      ...(body.length > 0 ? { body } : {}),
    });
    const headers = Object.fromEntries(
      Object.entries(answered.headers).filter(
        ([name]) => !["content-length", "transfer-encoding", "connection"].includes(name),
      ),
    );
    response.writeHead(answered.status, headers).end(answered.body);
  } catch (error) {
    // Refused by the guard, or no answer: the verifier sees a clear failure, never a hang.
    const refused = isConformanceError(error) && error.code.endsWith("_REFUSED");
    answer(response, refused ? 403 : 502, messageOf(error));
  }
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function flatten(headers: IncomingMessage["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function answer(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.destroy();
  response
    .writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Ndop-Forwarder": "1" })
    .end(`ndop-conformance: ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
