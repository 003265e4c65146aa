/**
 * Every setting the suite reads, by its environment variable name. `.env.example` lists each one
 * (a test holds the two together); secrets are never printed or reported.
 */
export const SETTINGS = {
  NDOP_ENV: {
    description: "target: sandbox (default), dev, int, dep, prod or custom",
    secret: false,
  },
  NDOP_BASE_URL: {
    description: "FHIR base URL; required for custom, overrides the table for the others",
    secret: false,
  },
  NDOP_BASE_PATH: {
    description: "FHIR base path under a Spine host (default /STU3)",
    secret: false,
  },
  NDOP_CLIENT_CERT: { description: "client certificate (PEM file) for mutual TLS", secret: false },
  NDOP_CLIENT_KEY: { description: "its private key (PEM file)", secret: false },
  NDOP_CLIENT_KEY_PASSPHRASE: { description: "the private key's passphrase", secret: true },
  NDOP_CA_BUNDLE: {
    description: "CA certificates (PEM file) to verify the server, e.g. the Spine CA chain",
    secret: false,
  },
  NDOP_TLS_VERIFY: {
    description:
      "verify the server certificate (default true; false is allowed for sandbox and custom only)",
    secret: false,
  },
  NDOP_HTTPS_PROXY: { description: "HTTPS proxy URL, if the network needs one", secret: false },
  NDOP_TIMEOUT_MS: {
    description: "per-request timeout in milliseconds (default 10000)",
    secret: false,
  },
  NDOP_RETRIES: {
    description: "retries for idempotent requests and for 429/503 answers (default 2)",
    secret: false,
  },
  NDOP_CLIENT_ASID: {
    description: "the client system's ASID (Ssp-From, JWT requesting_system)",
    secret: false,
  },
  NDOP_PROVIDER_ASID: { description: "the NDOP service's ASID (Ssp-To)", secret: false },
  NDOP_JWT_ISSUER: { description: "JWT iss: the client system's URI", secret: false },
  NDOP_JWT_USER: { description: "JWT sub and requesting_user", secret: false },
  NDOP_JWT_AUDIENCE: {
    description: "JWT aud (default https://clinicals.spineservices.nhs.uk)",
    secret: false,
  },
  NDOP_INTERACTION_IDS: {
    description:
      "Ssp-InteractionID overrides as interaction=id pairs, comma-separated (capabilities, create, update, vread, history-instance, history-type, search-type; the former metadata, history and search still work)",
    secret: false,
  },
  NDOP_PATIENTS: {
    description:
      "test patients' NHS numbers, comma-separated (required for dev, int, dep and prod; sandbox and custom draw synthetic ones)",
    secret: false,
  },
  NDOP_ALLOW_NON_SYNTHETIC: {
    description: "allow NHS numbers outside the 999 test range (never for prod)",
    secret: false,
  },
  NDOP_ALLOW_PRODUCTION_WRITES: {
    description: "the exact confirmation sentence from the README, to let writes reach prod",
    secret: false,
  },
  NDOP_FORMAT: { description: "json, xml or both (default both)", secret: false },
  NDOP_SUITES: { description: "suites to run, comma-separated (default all)", secret: false },
  NDOP_REPORTS_DIR: { description: "where reports go (default reports)", secret: false },
  NDOP_FIXTURES_DIR: {
    description:
      "a folder of fixtures to run instead of the project's (same layout: <suite>/<case>.json, templates/)",
    secret: false,
  },
  NDOP_PROFILES_DIR: {
    description: "validate against these published profiles instead of the project's",
    secret: false,
  },
  NDOP_EXPECT_UPDATE_UNKNOWN_ID: {
    description: "status expected for a PUT to an unknown id: 404 (default) or 405",
    secret: false,
  },
  NDOP_SANDBOX_FAULTS: {
    description: "sandbox only: fault modes to switch on, comma-separated",
    secret: false,
  },
  NDOP_SANDBOX_STORE: {
    description: "sandbox only: memory (default) or sqlite:<path>",
    secret: false,
  },
  NDOP_CLOCK: {
    description:
      "test and diagnostic only: judge service hours at this ISO date-time (e.g. 2026-11-28T12:00:00Z) instead of now; read from the environment only, used for nothing else",
    secret: false,
  },
  NDOP_PACT_CONSUMER: {
    description: "Pact consumer name (default ndop-conformance-client)",
    secret: false,
  },
  NDOP_PACT_PROVIDER: { description: "Pact provider name (default ndop-fhir-api)", secret: false },
  NDOP_PACT_VERSION: {
    description: "version to publish pacts and verification results under (default: git commit)",
    secret: false,
  },
  NDOP_PACT_BRANCH: { description: "branch to publish under (default: git branch)", secret: false },
  PACT_BROKER_BASE_URL: {
    description: "Pact Broker URL; unset, publishing is skipped and everything works locally",
    secret: false,
  },
  PACT_BROKER_TOKEN: { description: "Pact Broker bearer token", secret: true },
  PACT_BROKER_USERNAME: { description: "Pact Broker username (basic auth)", secret: false },
  PACT_BROKER_PASSWORD: { description: "Pact Broker password (basic auth)", secret: true },
} as const;

export type SettingName = keyof typeof SETTINGS;

export const SECRET_SETTINGS: readonly SettingName[] = (
  Object.keys(SETTINGS) as SettingName[]
).filter((name) => SETTINGS[name].secret);

/** The exact sentence that lets a run write to Production: the guard owns it (src/safety). */
export { PRODUCTION_WRITE_CONFIRMATION } from "../safety/index.js";
