import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ConformanceError } from "../errors/index.js";

const require = createRequire(import.meta.url);

export interface BrokerSettings {
  url: string;
  /** Passed to the official client through its environment, never on its command line. */
  credentials: Record<string, string>;
}

/** The broker from PACT_BROKER_BASE_URL (and a token or username/password), or none. */
export function brokerSettings(
  env: Record<string, string | undefined> = process.env,
): BrokerSettings | undefined {
  const url = env.PACT_BROKER_BASE_URL;
  if (!url) return undefined;
  const credentials: Record<string, string> = {};
  if (env.PACT_BROKER_TOKEN) credentials.PACT_BROKER_TOKEN = env.PACT_BROKER_TOKEN;
  else if (env.PACT_BROKER_USERNAME) {
    credentials.PACT_BROKER_USERNAME = env.PACT_BROKER_USERNAME;
    credentials.PACT_BROKER_PASSWORD = env.PACT_BROKER_PASSWORD ?? "";
  }
  return { url, credentials };
}

/** The version and branch to publish under: settings first, then git, then a local placeholder. */
export function pacticipantVersion(env: Record<string, string | undefined> = process.env): {
  version: string;
  branch: string;
} {
  return {
    version: env.NDOP_PACT_VERSION || git(["rev-parse", "--short", "HEAD"]) || "0.0.0-local",
    branch: env.NDOP_PACT_BRANCH || git(["rev-parse", "--abbrev-ref", "HEAD"]) || "local",
  };
}

function git(args: string[]): string | undefined {
  try {
    return (
      execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/** The official Pact Broker client (`pact-broker`, from @pact-foundation/pact-cli). */
function brokerCli(): string {
  return join(
    dirname(require.resolve("@pact-foundation/pact-cli/package.json")),
    "bin",
    "pact-broker.js",
  );
}

export interface BrokerResult {
  ok: boolean;
  output: string;
}

function runBroker(args: string[], broker: BrokerSettings): BrokerResult {
  const run = spawnSync(process.execPath, [brokerCli(), ...args, "--broker-base-url", broker.url], {
    encoding: "utf8",
    env: { ...process.env, ...broker.credentials },
    timeout: 120_000,
  });
  if (run.error)
    throw new ConformanceError(
      "TRANSPORT",
      `The Pact Broker client could not run: ${run.error.message}`,
    );
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

export function publishPacts(
  pactsDir: string,
  broker: BrokerSettings,
  version: { version: string; branch: string },
): BrokerResult {
  return runBroker(
    ["publish", pactsDir, "--consumer-app-version", version.version, "--branch", version.branch],
    broker,
  );
}

export function canIDeploy(
  pacticipant: string,
  version: string,
  environment: string,
  broker: BrokerSettings,
): BrokerResult {
  return runBroker(
    [
      "can-i-deploy",
      "--pacticipant",
      pacticipant,
      "--version",
      version,
      "--to-environment",
      environment,
    ],
    broker,
  );
}
