import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NdopClient } from "../client/index.js";
import {
  type RunConfig,
  redactUrlCredentials,
  resolveConfig,
  type SettingName,
} from "../config/index.js";
import {
  ConfigError,
  ConformanceError,
  fixtureProblemLine,
  TransportError,
} from "../errors/index.js";
import { isSyntheticNhsNumber, isValidNhsNumber } from "../fhir/index.js";
import { suiteNames } from "../fixture-files/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import { isProductionTarget } from "../safety/index.js";
import { isFaultName } from "../sandbox/index.js";
import { inspectProjectFixtures } from "./project-fixtures.js";

export { PROJECT_ROOT } from "./project-root.js";
export const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/**
 * Everything checked before a run sends anything: the settings, the test patients, the fault
 * modes and every fixture. All problems are reported together, one sentence each (exit 2).
 */
export function prepareRun(flags: Partial<Record<SettingName, string>>): {
  config: RunConfig;
  fixtures: LoadedFixture[];
} {
  const { config, problems } = resolveConfig({
    env: process.env,
    cwd: process.cwd(),
    flags,
    defaultFixturesDir: FIXTURES_DIR,
  });
  for (const nhsNumber of config.patients) {
    if (!isValidNhsNumber(nhsNumber))
      problems.push(
        `NDOP_PATIENTS: ${nhsNumber} is not a valid NHS number (ten digits, Modulus 11).`,
      );
    else if (
      !isSyntheticNhsNumber(nhsNumber) &&
      (!config.allowNonSynthetic || isProductionTarget(config.environment, config.baseUrl))
    ) {
      problems.push(
        `NDOP_PATIENTS: ${nhsNumber} is outside the synthetic 999 range; only test patients are used outside the sandbox (NDOP_ALLOW_NON_SYNTHETIC allows others, never in prod).`,
      );
    }
  }
  for (const fault of config.sandbox.faults) {
    if (!isFaultName(fault))
      problems.push(
        `NDOP_SANDBOX_FAULTS: "${fault}" is not a fault mode (ndop-conformance sandbox --list-faults).`,
      );
  }
  if (!existsSync(config.fixturesDir))
    problems.push(`NDOP_FIXTURES_DIR ${config.fixturesDir} does not exist.`);
  const known = existsSync(config.fixturesDir) ? suiteNames(config.fixturesDir) : [];
  for (const suite of config.suites) {
    if (!known.includes(suite))
      problems.push(`--suite ${suite} is not a suite: use ${known.join(", ")}.`);
  }
  const fixtures: LoadedFixture[] = [];
  if (known.length > 0) {
    // Every problem of every fixture and template, checked as `fixtures check` does.
    const inspection = inspectProjectFixtures(config.fixturesDir);
    fixtures.push(...inspection.fixtures);
    problems.push(...inspection.problems.map(fixtureProblemLine));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, fixtures };
}

/**
 * A target outside the sandbox must answer its /metadata with a CapabilityStatement before the
 * suites start: unreachable, or answering anything else, the run could not start (exit 2, one line).
 */
export async function checkReachable(config: RunConfig): Promise<void> {
  const client = new NdopClient({ ...config, retries: 0 });
  try {
    const answer = await client.capabilities();
    if (!isCapabilityStatement(answer.body)) {
      const type = answer.headers["content-type"] ?? "no Content-Type";
      throw new ConformanceError(
        "NOT_FHIR_ENDPOINT",
        `${config.baseUrl} is not an NDOP FHIR endpoint: its /metadata answered HTTP ${answer.status} (${oneLine(type)}), not a CapabilityStatement.`,
        { baseUrl: config.baseUrl },
      );
    }
  } catch (error) {
    if (error instanceof TransportError) {
      const reason = oneLine(error.message.replace(/^.* got no answer: /, ""));
      throw new ConformanceError(
        "TARGET_UNREACHABLE",
        redactUrlCredentials(`Cannot reach ${config.environment} at ${config.baseUrl}: ${reason}`),
        { baseUrl: config.baseUrl },
      );
    }
    throw error;
  } finally {
    await client.close();
  }
}

/** A CapabilityStatement in JSON or XML: its resource type is all that is asked here. */
function isCapabilityStatement(body: string): boolean {
  const text = body.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("<"))
    return /^(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(\w+:)?CapabilityStatement[\s>/]/.test(text);
  try {
    return (JSON.parse(text) as { resourceType?: unknown }).resourceType === "CapabilityStatement";
  } catch {
    return false;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}
