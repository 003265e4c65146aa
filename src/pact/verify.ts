import type { NdopClient } from "../client/index.js";
import type { RunConfig } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";
import type { PatientPool } from "../fixtures/index.js";
import { mayWrite } from "../safety/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
import type { BrokerSettings } from "./broker.js";
import { BASE_PATH, type PactNames } from "./consumer.js";
import type { NextRequest } from "./credentials.js";
import { startForwarder } from "./forwarder.js";
import { pactJs } from "./pact-js.js";
import { verifierStateHandlers } from "./provider-states.js";
import {
  type InteractionResult,
  interactionResults,
  type PactDocument,
  readPactDocuments,
  verifierFailures,
} from "./verification-results.js";
import { type SkippedInteraction, withoutWrites } from "./write-filter.js";

export interface VerifyOptions {
  config: RunConfig;
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
  /** The verifier's verdict: failures of pending pacts do not make it false. */
  passed: boolean;
  /** The verifier's report, or its error. */
  output: string;
  /** Each interaction's result, with its consumer, when the verifier reported them. */
  interactions: InteractionResult[];
  /** Interactions left out because they would write to Production unconfirmed. */
  skipped: SkippedInteraction[];
  /** Provider states that failed or that no handler knows: their interactions failed. */
  stateFailures: string[];
  /** The verifier's failures that belong to no interaction (a pact it could not load). */
  verifierFailures: string[];
  /** The local pacts verified (none when they came from the broker), for reports of each interaction. */
  pacts: PactDocument[];
}

/**
 * Runs the Pact verifier against the target through a loopback forwarder that relays every
 * replayed request through the NDOP client (its TLS, proxy, fresh credentials and Production
 * guard). Provider states are set up by the state handlers, through the same client. Against
 * Production without the confirmation, the interactions that would write are left out first.
 */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyOutcome> {
  const { config } = options;
  const readOnly = !mayWrite(config, config.baseUrl);
  if (readOnly && options.pactUrls.length === 0)
    throw new ConformanceError(
      "PRODUCTION_WRITE_REFUSED",
      "pact verify against Production without the confirmation sentence needs local pact files (--pact), so the interactions that write can be left out before anything is sent.",
    );
  const { files, skipped, kept } = readOnly
    ? withoutWrites(options.pactUrls)
    : { files: options.pactUrls, skipped: [], kept: -1 };
  if (kept === 0)
    return {
      passed: true,
      output: "",
      interactions: [],
      skipped,
      stateFailures: [],
      verifierFailures: [],
      pacts: [],
    };
  const next: NextRequest = { keepAbsent: new Set(), failures: [] };
  const forwarder = await startForwarder({
    client: options.client,
    config,
    pactBasePath: BASE_PATH,
    next,
  });
  try {
    const outcome = await runVerifier(options, files, forwarder.url, next);
    // A failed provider state fails its interaction through the forwarder, so the verifier's
    // verdict already counts it (and does not, for a pending pact).
    const stateFailures = next.failures;
    const output = [...stateFailures, outcome.output].join("\n");
    // Only local pacts can be read again: product code opens no connection of its own but the
    // NDOP client's (src/safety), and the verifier keeps the broker's pacts to itself.
    const pacts = readPactDocuments(options.pactUrls);
    return {
      ...outcome,
      output,
      skipped,
      stateFailures,
      verifierFailures: verifierFailures(outcome.output),
      pacts,
    };
  } finally {
    await forwarder.close();
  }
}

async function runVerifier(
  options: VerifyOptions,
  pactUrls: string[],
  providerBaseUrl: string,
  next: NextRequest,
): Promise<Pick<VerifyOutcome, "passed" | "output" | "interactions">> {
  const { config, names } = options;
  const verifier = new (pactJs().Verifier)({
    provider: names.provider,
    providerBaseUrl,
    ...(pactUrls.length > 0 ? { pactUrls } : {}),
    ...(options.broker && pactUrls.length === 0 ? brokerSource(options.broker) : {}),
    stateHandlers: verifierStateHandlers(
      {
        client: options.client,
        patients: options.patients,
        fixturesDir: config.fixturesDir,
        ...(options.sandbox ? { sandbox: options.sandbox } : {}),
      },
      next,
    ),
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
    const verified = () => verifier.verifyProvider();
    const output = String(
      (await (pactUrls.length > 0 ? withoutBrokerSettings(verified) : verified())) ?? "",
    );
    return { passed: true, output, interactions: interactionResults(output) };
  } catch (error) {
    const output = error instanceof Error ? error.message : String(error);
    return { passed: false, output, interactions: interactionResults(output) };
  }
}

const BROKER_VARIABLES = [
  "PACT_BROKER_BASE_URL",
  "PACT_BROKER_TOKEN",
  "PACT_BROKER_USERNAME",
  "PACT_BROKER_PASSWORD",
];

/**
 * The verifier reads PACT_BROKER_* from the process environment when no broker option is given,
 * and would then verify the broker's pacts as well as the local ones (unfiltered, in Production).
 * Local pacts are verified with those variables out of its sight, and put back afterwards.
 */
async function withoutBrokerSettings<T>(run: () => Promise<T>): Promise<T> {
  const saved = BROKER_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of BROKER_VARIABLES) delete process.env[name];
  try {
    return await run();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
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
    // The broker marks a consumer's new pact pending until it has been verified once: its
    // failures are reported but do not fail the provider's build (docs.pact.io/pending).
    enablePending: true,
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    ...(token ? { pactBrokerToken: token } : {}),
    ...(username ? { pactBrokerUsername: username, pactBrokerPassword: password } : {}),
  };
}
