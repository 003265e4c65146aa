import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Undici from "undici";
import type { SpineIdentity } from "../config/index.js";
import {
  DEFAULT_INTERACTION_IDS,
  type Interaction,
  type RunConfig,
  redactHeaders,
} from "../config/index.js";
import { TransportError } from "../errors/index.js";
import { assertMaySend } from "../safety/index.js";
import { NDOP_PATHS } from "./ndop-paths.js";
import { buildJwt, buildSpineHeaders } from "./spine-headers.js";

/** One request and its answer, as a report shows it (credentials redacted). */
export interface ExchangeRecord {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
  attempts: number;
}

export interface NdopRequest {
  interaction: Interaction;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** Path under the FHIR base, with any query: `/Consent/_history?patient=…`. */
  path: string;
  body?: string | Buffer;
  contentType?: string;
  accept?: string;
  /** Extra headers; a null value removes one the client would send (to test its absence). */
  headers?: Record<string, string | null>;
  /** Send no JWT or Ssp-* headers at all. */
  withoutSecurityHeaders?: boolean;
}

/** How a well-formed request is made, beyond what its interaction fixes. */
export interface CallOptions {
  /** The media type asked for; application/fhir+json when not given. */
  accept?: string;
  /** Extra headers the interaction allows (If-Match, Prefer). */
  headers?: Record<string, string>;
}

/** A create or update: the body, in the media type `contentType` (application/fhir+json by default). */
export interface WriteOptions extends CallOptions {
  contentType?: string;
}

/** A request replayed as given (Pact verification): only its credentials are made fresh. */
export interface RelayRequest {
  method: string;
  /** Path under the FHIR base, with any query. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Headers that belong to one hop, never forwarded. */
const HOP_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "keep-alive",
  "proxy-connection",
  "upgrade",
  "te",
  "trailer",
]);

export interface NdopResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  exchange: ExchangeRecord;
}

/** undici's dispatchers: what the client uses of it. */
interface Dispatchers {
  Agent: typeof Undici.Agent;
  ProxyAgent: typeof Undici.ProxyAgent;
}

/**
 * undici's dispatchers, loaded by the first client, not with this module: a run against the
 * embedded sandbox imports the client in the CLI's own thread but sends nothing from it. Loaded
 * by their files, as undici's index loads them, but without the rest of the index (fetch,
 * WebSocket, the mock and cache agents, the interceptors): 116 ms of the suite worker's CPU
 * before a run's first check, against 30 ms for these (`--cpu-prof` of `run`). Required, not
 * imported: imported into ESM, Node would also scan each for its exports. The price is undici's
 * internal layout: package.json pins undici to one minor release, and undici-files.test.ts checks
 * that these files give the index's own classes and methods.
 */
let dispatchers: Dispatchers | undefined;

function loadDispatchers(): Dispatchers {
  dispatchers ??= requireDispatchers();
  return dispatchers;
}

/** Once per process: the dispatchers' prototype is given its methods here, as the index does. */
function requireDispatchers(): Dispatchers {
  const require = createRequire(import.meta.url);
  // As the index does first: every dispatcher gets request, stream, pipeline, connect and
  // upgrade (ProxyAgent opens its tunnel with connect).
  const { prototype } = require("undici/lib/dispatcher/dispatcher.js") as typeof Undici.Dispatcher;
  Object.assign(prototype, require("undici/lib/api/index.js"));
  return {
    Agent: require("undici/lib/dispatcher/agent.js") as typeof Undici.Agent,
    ProxyAgent: require("undici/lib/dispatcher/proxy-agent.js") as typeof Undici.ProxyAgent,
  };
}

/**
 * The NDOP client: undici with mutual TLS (TLS 1.2 minimum), an optional HTTPS proxy, timeouts,
 * bounded retries, and a fresh JWT and Ssp-* headers for every request. Every exchange is recorded.
 */
export class NdopClient {
  readonly exchanges: ExchangeRecord[] = [];
  private readonly undici = loadDispatchers();
  private readonly dispatcher: Undici.Dispatcher;
  private readonly identity: SpineIdentity;

  constructor(private readonly config: RunConfig) {
    const tls = {
      ...(config.tls.cert ? { cert: readFileSync(config.tls.cert) } : {}),
      ...(config.tls.key ? { key: readFileSync(config.tls.key) } : {}),
      ...(config.tls.passphrase ? { passphrase: config.tls.passphrase } : {}),
      ...(config.tls.ca ? { ca: readFileSync(config.tls.ca) } : {}),
      rejectUnauthorized: config.tls.verify,
      minVersion: "TLSv1.2" as const,
    };
    const timeouts = {
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connectTimeout: config.timeoutMs,
    };
    this.dispatcher = config.proxy
      ? new this.undici.ProxyAgent({ uri: config.proxy, requestTls: tls, ...timeouts })
      : new this.undici.Agent({ connect: tls, ...timeouts });
    this.identity = { ...config.identity };
  }

  /** The CapabilityStatement: GET [base]/metadata. */
  capabilities(options: CallOptions = {}): Promise<NdopResponse> {
    return this.send({
      interaction: "capabilities",
      method: "GET",
      path: NDOP_PATHS.capabilities(),
      ...options,
    });
  }

  /** Records a new Consent: POST [base]/Consent. */
  createConsent(body: string | Buffer, options: WriteOptions = {}): Promise<NdopResponse> {
    return this.send({
      interaction: "create",
      method: "POST",
      path: NDOP_PATHS.consents(),
      body,
      ...options,
    });
  }

  /** A new version of a Consent: PUT [base]/Consent/[id] (If-Match in `options.headers`). */
  updateConsent(
    id: string,
    body: string | Buffer,
    options: WriteOptions = {},
  ): Promise<NdopResponse> {
    return this.send({
      interaction: "update",
      method: "PUT",
      path: NDOP_PATHS.consent(id),
      body,
      ...options,
    });
  }

  /** Every version of one Consent: GET [base]/Consent/[id]/_history. */
  instanceHistory(id: string, options: CallOptions = {}): Promise<NdopResponse> {
    return this.send({
      interaction: "history-instance",
      method: "GET",
      path: NDOP_PATHS.instanceHistory(id),
      ...options,
    });
  }

  /** Every Consent version of one patient: GET [base]/Consent/_history?patient=[PDS reference]. */
  patientHistory(nhsNumber: string, options: CallOptions = {}): Promise<NdopResponse> {
    return this.send({
      interaction: "history-type",
      method: "GET",
      path: NDOP_PATHS.patientHistory(nhsNumber),
      ...options,
    });
  }

  /** One version of a Consent: GET [base]/Consent/[id]/_history/[vid]. */
  vread(id: string, versionId: string, options: CallOptions = {}): Promise<NdopResponse> {
    return this.send({
      interaction: "vread",
      method: "GET",
      path: NDOP_PATHS.version(id, versionId),
      ...options,
    });
  }

  /**
   * Any request, as given: for deliberately malformed ones (a header removed, a raw body, a wrong
   * media type). Well-formed interactions use the methods above.
   */
  async send(call: NdopRequest): Promise<NdopResponse> {
    return this.exchange(call.method, call.path, () => this.headersFor(call), call.body);
  }

  /**
   * Sends a request as given (a Pact verifier's replay), through the same transport and guard as
   * every other request. An Authorization or Ssp-* header it carries is replaced by a fresh one.
   */
  async relay(call: RelayRequest): Promise<NdopResponse> {
    const given = Object.fromEntries(
      Object.entries(call.headers).filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())),
    );
    return this.exchange(call.method, call.path, () => this.refreshed(given), call.body);
  }

  /**
   * The one transport: every request of this client leaves through here, and the Production
   * guard (src/safety) sees it first, so no caller can send around it.
   */
  private async exchange(
    method: string,
    path: string,
    headersFor: () => Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<NdopResponse> {
    const url = `${this.config.baseUrl}${path}`;
    assertMaySend(this.config, { method, url, body });
    const started = performance.now();
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const headers = headersFor();
      const sent = { method, url, headers, body, started, attempt };
      try {
        const { origin, pathname, search } = new URL(url);
        const response = await this.dispatcher.request({
          origin,
          path: `${pathname}${search}`,
          method,
          headers,
          body,
        });
        const text = await response.body.text();
        const responseHeaders = flattenHeaders(response.headers);
        const delay = this.retryDelay(
          method,
          response.statusCode,
          responseHeaders["retry-after"],
          attempt,
        );
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
        const exchange = this.record(sent, {
          status: response.statusCode,
          headers: responseHeaders,
          body: text,
        });
        return { status: response.statusCode, headers: responseHeaders, body: text, exchange };
      } catch (error) {
        const delay = method === "GET" ? this.retryDelay("GET", 0, undefined, attempt) : undefined;
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
        const reason =
          error instanceof Error
            ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
            : String(error);
        this.record(sent, { headers: {}, body: `no answer (${reason})` });
        throw new TransportError(`${method} ${url} got no answer: ${reason}`, { url }, error);
      }
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private headersFor(call: NdopRequest): Record<string, string> {
    const interactionId =
      this.config.interactionIds[call.interaction] ?? DEFAULT_INTERACTION_IDS[call.interaction];
    const headers: Record<string, string | null> = {
      Accept: call.accept ?? "application/fhir+json",
      ...(call.withoutSecurityHeaders ? {} : buildSpineHeaders(this.identity, interactionId)),
      ...(call.body !== undefined
        ? { "Content-Type": call.contentType ?? "application/fhir+json" }
        : {}),
      ...call.headers,
    };
    return Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
    );
  }

  /** A replayed request's credentials and trace id, fresh; a header it lacks stays absent. */
  private refreshed(given: Record<string, string>): Record<string, string> {
    const fresh: Record<string, string> = {
      authorization: `Bearer ${buildJwt(this.identity)}`,
      "ssp-traceid": randomUUID(),
      "ssp-from": this.identity.clientAsid,
      "ssp-to": this.identity.providerAsid,
    };
    return Object.fromEntries(
      Object.entries(given).map(([name, value]) => [name, fresh[name.toLowerCase()] ?? value]),
    );
  }

  /**
   * Retries are bounded: GETs on no answer or a 429/502/503/504; writes only on 429 or 503, which
   * say the request was not processed, so a retried write can never make two versions.
   */
  private retryDelay(
    method: string,
    status: number,
    retryAfter: string | undefined,
    attempt: number,
  ): number | undefined {
    if (attempt > this.config.retries) return undefined;
    const retryable = method === "GET" ? [0, 429, 502, 503, 504] : [429, 503];
    if (!retryable.includes(status)) return undefined;
    const seconds = Number(retryAfter);
    if (retryAfter !== undefined && Number.isFinite(seconds))
      return Math.min(seconds * 1000, 10_000);
    return 200 * 2 ** (attempt - 1);
  }

  private record(
    sent: SentRequest,
    answer: { status?: number; headers: Record<string, string>; body: string },
  ): ExchangeRecord {
    const exchange: ExchangeRecord = {
      method: sent.method,
      url: sent.url,
      requestHeaders: redactHeaders(sent.headers),
      responseHeaders: answer.headers,
      responseBody: answer.body,
      durationMs: performance.now() - sent.started,
      attempts: sent.attempt,
    };
    if (sent.body !== undefined) exchange.requestBody = sent.body.toString();
    if (answer.status !== undefined) exchange.status = answer.status;
    this.exchanges.push(exchange);
    return exchange;
  }
}

interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  started: number;
  attempt: number;
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(", ") : (value ?? ""),
    ]),
  );
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
