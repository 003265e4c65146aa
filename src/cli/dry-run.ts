import { type RunConfig, redactUrlCredentials } from "../config/index.js";
import type { LoadedFixture } from "../fixtures/index.js";

/** Whether a case draws a fresh test patient from the pool (as run-fixture.ts decides). */
function drawsPatient(loaded: LoadedFixture): boolean {
  return loaded.fixture.steps.some(
    (step) => /nhsNumber|patientReference/.test(JSON.stringify(step)) || step.body !== undefined,
  );
}

/** The settings a run would use, secrets and URL credentials redacted. */
function settingLines(config: RunConfig): string[] {
  const tls = config.tls;
  return [
    `environment: ${config.environment}`,
    `base URL: ${config.baseUrl ? redactUrlCredentials(config.baseUrl) : "embedded sandbox (free loopback port)"}`,
    `formats: ${config.formats.join(", ")}`,
    `suites: ${config.suites.length > 0 ? config.suites.join(", ") : "all"}`,
    `client certificate: ${tls.cert ? "set" : "none"}; key passphrase: ${tls.passphrase ? "set (redacted)" : "none"}; CA bundle: ${tls.ca ? "set" : "system"}; verify TLS: ${tls.verify}`,
    `proxy: ${config.proxy ? redactUrlCredentials(config.proxy) : "none"}`,
    `ASIDs: client ${config.identity.clientAsid || "none"}, provider ${config.identity.providerAsid || "none"}`,
    `timeout: ${config.timeoutMs} ms; retries: ${config.retries}`,
    `writes: ${config.writesAllowed ? "allowed" : "not allowed (read-only checks only)"}`,
    `reports: ${config.reportsDir}; fixtures: ${config.fixturesDir}`,
    ...(config.profilesDir ? [`profiles: ${config.profilesDir}`] : []),
    ...(config.sandbox.faults.length
      ? [`sandbox faults: ${config.sandbox.faults.join(", ")}`]
      : []),
  ];
}

/**
 * `--dry-run`: the preflight has passed; this says what a run would do, sending nothing (not
 * even the reachability check).
 */
export function renderDryRun(config: RunConfig, fixtures: readonly LoadedFixture[]): string {
  const checks = fixtures.flatMap((loaded) =>
    config.formats
      .filter((format) => !loaded.fixture.formats || loaded.fixture.formats.includes(format))
      .map((format) => ({ loaded, format })),
  );
  const drawing = checks.filter((check) => drawsPatient(check.loaded)).length;
  const patients =
    config.patients.length > 0
      ? `${config.patients.length} in the pool: ${config.patients.join(", ")}`
      : "no pool (NDOP_PATIENTS unset): synthetic numbers from a random start, each checked for an existing Consent first";
  const lines = [
    "ndop-conformance: dry run: preflight passed; nothing was sent.",
    "Settings:",
    ...settingLines(config).map((line) => `  ${line}`),
    `Checks: ${checks.length} (${fixtures.length} fixtures)`,
    ...checks.map((check) => `  ${check.loaded.id} [${check.format}]`),
    `Patients: ${patients}`,
    `  ${drawing} check(s) each draw one patient without a Consent from it.`,
  ];
  return `${lines.join("\n")}\n`;
}
