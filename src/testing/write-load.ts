import { Pool } from "undici";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
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
 * A bounded write load over keep-alive connections: creates for fresh synthetic patients, or
 * updates alternating the status of given Consents. Refuses anything but a loopback address.
 */
export async function runWriteLoad(options: WriteLoadOptions): Promise<LoadReport> {
  const url = new URL(options.baseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(`Load is only ever sent to loopback, not ${url.hostname}.`);
  }
  const pool = new Pool(url.origin, { connections: options.concurrency, pipelining: 1 });
  const report: LoadReport = {
    requests: 0,
    acknowledged: [],
    failures: {},
    latenciesMs: [],
    elapsedMs: 0,
  };
  const started = performance.now();
  const deadline = started + options.durationMs;
  let issued = 0;
  const worker = async () => {
    while (performance.now() < deadline && issued < options.maxRequests) {
      const sequence = issued++;
      await oneWrite(pool, url.pathname, options, sequence, report);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    report.elapsedMs = performance.now() - started;
    await pool.close();
  }
  return report;
}

async function oneWrite(
  pool: Pool,
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
  const interaction = options.kind === "update" ? "update" : "create";
  const path = target ? `${basePath}/Consent/${String(target.id)}` : `${basePath}/Consent`;
  const began = performance.now();
  report.requests += 1;
  try {
    const response = await pool.request({
      method: target ? "PUT" : "POST",
      path,
      headers: {
        "Content-Type": "application/fhir+json",
        Accept: "application/fhir+json",
        Prefer: "return=minimal",
        ...buildSpineHeaders(SANDBOX_IDENTITY, DEFAULT_SETTINGS.interactionIds[interaction]),
      },
      body: JSON.stringify(body),
    });
    await response.body.dump();
    report.latenciesMs.push(performance.now() - began);
    const location = String(response.headers.location ?? "");
    const match = /\/Consent\/([^/]+)\/_history\/([^/]+)$/.exec(location);
    if (response.statusCode >= 200 && response.statusCode < 300 && match) {
      const id = match[1] as string;
      const write: AcknowledgedWrite = { id, versionId: match[2] as string, sent: { ...body, id } };
      report.acknowledged.push(write);
      options.onAcknowledged?.(write);
    } else {
      report.failures[response.statusCode] = (report.failures[response.statusCode] ?? 0) + 1;
    }
  } catch {
    report.failures[0] = (report.failures[0] ?? 0) + 1;
  }
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}
