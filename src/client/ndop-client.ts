import { readFileSync } from "node:fs";
import { Agent, type Dispatcher, ProxyAgent, request } from "undici";
import type { SpineIdentity } from "../config/index.js";
import {
  DEFAULT_INTERACTION_IDS,
  type Interaction,
  type RunConfig,
  redactHeaders,
} from "../config/index.js";
import { TransportError } from "../errors/index.js";
import { buildSpineHeaders } from "./spine-headers.js";

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

export interface NdopResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  exchange: ExchangeRecord;
}

/**
 * The NDOP client: undici with mutual TLS (TLS 1.2 minimum), an optional HTTPS proxy, timeouts,
 * bounded retries, and a fresh JWT and Ssp-* headers for every request. Every exchange is recorded.
 */
export class NdopClient {
  readonly exchanges: ExchangeRecord[] = [];
  private readonly dispatcher: Dispatcher;
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
      ? new ProxyAgent({ uri: config.proxy, requestTls: tls, ...timeouts })
      : new Agent({ connect: tls, ...timeouts });
    this.identity = { ...config.identity };
  }

  async send(call: NdopRequest): Promise<NdopResponse> {
    const url = `${this.config.baseUrl}${call.path}`;
    const started = performance.now();
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const headers = this.headersFor(call);
      try {
        const response = await request(url, {
          method: call.method,
          headers,
          body: call.body,
          dispatcher: this.dispatcher,
        });
        const body = await response.body.text();
        const responseHeaders = flattenHeaders(response.headers);
        const delay = this.retryDelay(
          call.method,
          response.statusCode,
          responseHeaders["retry-after"],
          attempt,
        );
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
        const exchange = this.record(call, url, headers, started, attempt, {
          status: response.statusCode,
          headers: responseHeaders,
          body,
        });
        return { status: response.statusCode, headers: responseHeaders, body, exchange };
      } catch (error) {
        const delay =
          call.method === "GET" ? this.retryDelay("GET", 0, undefined, attempt) : undefined;
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
        const reason =
          error instanceof Error
            ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
            : String(error);
        this.record(call, url, headers, started, attempt, {
          headers: {},
          body: `no answer (${reason})`,
        });
        throw new TransportError(`${call.method} ${url} got no answer: ${reason}`, { url }, error);
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
    call: NdopRequest,
    url: string,
    headers: Record<string, string>,
    started: number,
    attempts: number,
    answer: { status?: number; headers: Record<string, string>; body: string },
  ): ExchangeRecord {
    const exchange: ExchangeRecord = {
      method: call.method,
      url,
      requestHeaders: redactHeaders(headers),
      responseHeaders: answer.headers,
      responseBody: answer.body,
      durationMs: performance.now() - started,
      attempts,
    };
    if (call.body !== undefined) exchange.requestBody = call.body.toString();
    if (answer.status !== undefined) exchange.status = answer.status;
    this.exchanges.push(exchange);
    return exchange;
  }
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
