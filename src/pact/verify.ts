import { randomUUID } from "node:crypto";
import { Verifier, type VerifierOptions } from "@pact-foundation/pact";
import { buildJwt, type NdopClient } from "../client/index.js";
import type { RunConfig } from "../config/index.js";
import type { PatientPool } from "../fixtures/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
import type { PactNames } from "./consumer.js";
import { stateHandlers } from "./provider-states.js";

export interface VerifyOptions {
  config: RunConfig;
  /** The target's origin (scheme, host, port); the pact's paths carry the base path. */
  providerBaseUrl: string;
  pactUrls: string[];
  names: PactNames;
  client: NdopClient;
  patients: PatientPool;
  sandbox?: RunningSandbox;
  /** Publish the results to the broker the pacts came from (needs pacts fetched from a broker). */
  publish?: { providerVersion: string; branch?: string };
}

export interface VerifyOutcome {
  passed: boolean;
  /** The verifier's report, or its error. */
  output: string;
}

/**
 * Runs the Pact verifier against the target. States are set up by the state handlers; a request
 * filter gives each replayed request a fresh JWT and trace id (the pact holds examples).
 */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyOutcome> {
  const { config, names } = options;
  const verifier = new Verifier({
    provider: names.provider,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: options.pactUrls,
    stateHandlers: stateHandlers({ client: options.client, patients: options.patients, fixturesDir: config.fixturesDir, ...(options.sandbox ? { sandbox: options.sandbox } : {}) }),
    requestFilter: freshCredentials(config),
    logLevel: "error",
    timeout: 60_000,
    ...(options.publish
      ? { publishVerificationResult: true, providerVersion: options.publish.providerVersion, ...(options.publish.branch ? { providerVersionBranch: options.publish.branch } : {}) }
      : {}),
  });
  try {
    const output = await verifier.verifyProvider();
    return { passed: true, output: String(output ?? "") };
  } catch (error) {
    return { passed: false, output: error instanceof Error ? error.message : String(error) };
  }
}

/** Replace the example JWT and trace id the pact carries with fresh ones; leave absent headers absent. */
type IncomingHeaders = { headers: Record<string, string | string[] | undefined> };

function freshCredentials(config: RunConfig): VerifierOptions["requestFilter"] {
  const filter = (request: IncomingHeaders, _response: unknown, next: () => void) => {
    if (request.headers.authorization !== undefined) request.headers.authorization = `Bearer ${buildJwt(config.identity)}`;
    if (request.headers["ssp-traceid"] !== undefined) request.headers["ssp-traceid"] = randomUUID();
    if (request.headers["ssp-from"] !== undefined) request.headers["ssp-from"] = config.identity.clientAsid;
    if (request.headers["ssp-to"] !== undefined) request.headers["ssp-to"] = config.identity.providerAsid;
    next();
  };
  return filter as unknown as VerifierOptions["requestFilter"];
}
