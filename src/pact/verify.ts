import { randomUUID } from "node:crypto";
import { Verifier, type VerifierOptions } from "@pact-foundation/pact";
import { buildJwt, type NdopClient } from "../client/index.js";
import type { RunConfig } from "../config/index.js";
import type { PatientPool } from "../fixtures/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
import type { BrokerSettings } from "./broker.js";
import type { PactNames } from "./consumer.js";
import { stateHandlers } from "./provider-states.js";

export interface VerifyOptions {
  config: RunConfig;
  /** The target's origin (scheme, host, port); the pact's paths carry the base path. */
  providerBaseUrl: string;
  /** Pact files to verify; empty when they come from the broker. */
  pactUrls: string[];
  names: PactNames;
  /** Fetch the pacts from this broker (and publish the results there when `publish` is set). */
  broker?: BrokerSettings;
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
  /** Each interaction's result, when the verifier reported them. */
  interactions: { description: string; passed: boolean; mismatch?: string }[];
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
    ...(options.pactUrls.length > 0 ? { pactUrls: options.pactUrls } : {}),
    ...(options.broker ? brokerSource(options.broker) : {}),
    stateHandlers: stateHandlers({
      client: options.client,
      patients: options.patients,
      fixturesDir: config.fixturesDir,
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    }),
    requestFilter: freshCredentials(config),
    logLevel:
      (process.env.NDOP_PACT_LOG_LEVEL as "error" | "warn" | "info" | "debug" | undefined) ??
      "error",
    timeout: 60_000,
    ...(options.publish
      ? {
          publishVerificationResult: true,
          providerVersion: options.publish.providerVersion,
          ...(options.publish.branch ? { providerVersionBranch: options.publish.branch } : {}),
        }
      : {}),
  });
  try {
    const output = String((await verifier.verifyProvider()) ?? "");
    return { passed: true, output, interactions: interactionResults(output) };
  } catch (error) {
    const output = error instanceof Error ? error.message : String(error);
    return { passed: false, output, interactions: interactionResults(output) };
  }
}

function brokerSource(broker: BrokerSettings): Record<string, unknown> {
  const {
    PACT_BROKER_TOKEN: token,
    PACT_BROKER_USERNAME: username,
    PACT_BROKER_PASSWORD: password,
  } = broker.credentials;
  return {
    pactBrokerUrl: broker.url,
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    ...(token ? { pactBrokerToken: token } : {}),
    ...(username ? { pactBrokerUsername: username, pactBrokerPassword: password } : {}),
  };
}

/** The verifier ends its report with JSON: `{"errors": [...], "interactionResults": [...]}`. */
function interactionResults(output: string): VerifyOutcome["interactions"] {
  const start = output.lastIndexOf('{"errors"');
  if (start === -1) return [];
  try {
    const report = JSON.parse(output.slice(start)) as {
      errors: {
        interaction: string;
        mismatch?: { mismatches?: { mismatch?: string; description?: string }[] };
      }[];
      interactionResults: { description: string; result: string }[];
    };
    return report.interactionResults.map(({ description, result }) => {
      const error = report.errors.find((candidate) => candidate.interaction.endsWith(description));
      const mismatch = error?.mismatch?.mismatches
        ?.map((entry) => entry.mismatch ?? entry.description)
        .filter(Boolean)
        .join("; ");
      return mismatch
        ? { description, passed: result === "OK", mismatch }
        : { description, passed: result === "OK" };
    });
  } catch {
    return [];
  }
}

/** Replace the example JWT and trace id the pact carries with fresh ones; leave absent headers absent. */
type IncomingHeaders = { headers: Record<string, string | string[] | undefined> };

function freshCredentials(config: RunConfig): VerifierOptions["requestFilter"] {
  const filter = (request: IncomingHeaders, _response: unknown, next: () => void) => {
    if (request.headers.authorization !== undefined)
      request.headers.authorization = `Bearer ${buildJwt(config.identity)}`;
    if (request.headers["ssp-traceid"] !== undefined) request.headers["ssp-traceid"] = randomUUID();
    if (request.headers["ssp-from"] !== undefined)
      request.headers["ssp-from"] = config.identity.clientAsid;
    if (request.headers["ssp-to"] !== undefined)
      request.headers["ssp-to"] = config.identity.providerAsid;
    next();
  };
  return filter as unknown as VerifierOptions["requestFilter"];
}
