import { randomUUID } from "node:crypto";
import { Client, type Dispatcher } from "undici";
import { buildJwt, SANDBOX_IDENTITY } from "../client/index.js";
import type { JsonObject } from "../fhir/index.js";
import { DEFAULT_SETTINGS } from "../sandbox/index.js";
import { consentFor } from "./consents.js";

/** A write the server acknowledged with 2xx: it must be in history, exactly once. */
export interface AcknowledgedWrite {
  id: string;
  versionId: string;
  /** The Consent as sent, with the id the server gave it: the body of a later update. */
  sent?: JsonObject;
}

export interface LoadReport {
  requests: number;
  acknowledged: AcknowledgedWrite[];
  /** Answers other than 2xx, by status (0: no answer). */
  failures: Record<number, number>;
  latenciesMs: number[];
  elapsedMs: number;
}

export interface WriteLoadOptions {
  /** FHIR base URL, e.g. http://127.0.0.1:8080/STU3 (loopback only). */
  baseUrl: string;
  kind: "create" | "update";
  /** Consents to update, for kind update. */
  targets?: JsonObject[];
  /** The load stops at whichever of these comes first. */
  durationMs: number;
  maxRequests: number;
  concurrency: number;
  /** Called once per acknowledged write, as it happens. */
  onAcknowledged?: (write: AcknowledgedWrite) => void;
}

/**
 * A bounded write load: creates for fresh synthetic patients, or updates alternating the status
 * of given Consents. One keep-alive connection per concurrent writer (an undici Client, no
 * pipelining), so the generator spends little of a shared machine's CPU. Refuses anything but a
 * loopback address.
 */
export async function runWriteLoad(options: WriteLoadOptions): Promise<LoadReport> {
  const url = new URL(options.baseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(`Load is only ever sent to loopback, not ${url.hostname}.`);
  }
  const report: LoadReport = {
    requests: 0,
    acknowledged: [],
    failures: {},
    latenciesMs: [],
    elapsedMs: 0,
  };
  const clients = Array.from(
    { length: options.concurrency },
    () => new Client(url.origin, { pipelining: 1 }),
  );
  const started = performance.now();
  const deadline = started + options.durationMs;
  let issued = 0;
  const worker = async (client: Client) => {
    while (performance.now() < deadline && issued < options.maxRequests) {
      const sequence = issued++;
      await oneWrite(client, url.pathname, options, sequence, report);
    }
  };
  try {
    await Promise.all(clients.map(worker));
  } finally {
    report.elapsedMs = performance.now() - started;
    await Promise.all(clients.map((client) => client.close()));
  }
  return report;
}

async function oneWrite(
  client: Client,
  basePath: string,
  options: WriteLoadOptions,
  sequence: number,
  report: LoadReport,
): Promise<void> {
  const target =
    options.kind === "update"
      ? options.targets?.[sequence % (options.targets?.length ?? 1)]
      : undefined;
  const body = target
    ? { ...target, status: sequence % 2 === 0 ? "inactive" : "active" }
    : consentFor();
  const began = performance.now();
  report.requests += 1;
  try {
    const answer = await exchange(client, {
      method: target ? "PUT" : "POST",
      path: target ? `${basePath}/Consent/${String(target.id)}` : `${basePath}/Consent`,
      headers: writeHeaders(target ? "update" : "create"),
      body: JSON.stringify(body),
    });
    report.latenciesMs.push(performance.now() - began);
    const match = /\/Consent\/([^/]+)\/_history\/([^/]+)$/.exec(answer.location);
    if (answer.status >= 200 && answer.status < 300 && match) {
      const id = match[1] as string;
      const write: AcknowledgedWrite = { id, versionId: match[2] as string, sent: { ...body, id } };
      report.acknowledged.push(write);
      options.onAcknowledged?.(write);
    } else {
      report.failures[answer.status] = (report.failures[answer.status] ?? 0) + 1;
    }
  } catch {
    report.failures[0] = (report.failures[0] ?? 0) + 1;
  }
}

/** The request and Spine headers of one write: a JWT issued this second, a new trace id. */
function writeHeaders(interaction: "create" | "update"): string[] {
  return [
    "content-type",
    "application/fhir+json",
    "accept",
    "application/fhir+json",
    "prefer",
    "return=minimal",
    "authorization",
    `Bearer ${jwtOfThisSecond()}`,
    "ssp-traceid",
    randomUUID(),
    "ssp-from",
    SANDBOX_IDENTITY.clientAsid,
    "ssp-to",
    SANDBOX_IDENTITY.providerAsid,
    "ssp-interactionid",
    DEFAULT_SETTINGS.interactionIds[interaction],
  ];
}

let issued: { second: number; jwt: string } = { second: Number.NaN, jwt: "" };

/**
 * buildJwt's token for the current second. Its claims depend on the time only to the second
 * (iat, exp), so within a second every request would get the same string: it is built once.
 */
function jwtOfThisSecond(): string {
  const now = new Date();
  const second = Math.floor(now.getTime() / 1000);
  if (second !== issued.second) issued = { second, jwt: buildJwt(SANDBOX_IDENTITY, now) };
  return issued.jwt;
}

/**
 * One request through undici's dispatcher interface: the status and Location, the body read and
 * dropped without a stream in between. Rejects when no answer arrives.
 */
function exchange(
  client: Client,
  request: Dispatcher.DispatchOptions,
): Promise<{ status: number; location: string }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let location = "";
    client.dispatch(request, {
      onRequestStart() {},
      onResponseStart(_controller, statusCode, headers) {
        status = statusCode;
        location = String(headers.location ?? "");
      },
      onResponseData() {},
      onResponseEnd() {
        resolve({ status, location });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}
