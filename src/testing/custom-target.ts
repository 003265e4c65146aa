import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { NdopClient } from "../client/index.js";
import { type RunConfig, resolveConfig } from "../config/index.js";

const PROJECT_FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/**
 * A run configuration and client for a custom target (a loopback server a test started), with
 * `patients` as NDOP_PATIENTS. The caller closes the client.
 */
export function customTarget(
  baseUrl: string,
  patients: string[] = [],
): { config: RunConfig; client: NdopClient } {
  const { config } = resolveConfig({
    env: { NDOP_ENV: "custom", NDOP_BASE_URL: baseUrl, NDOP_PATIENTS: patients.join(",") },
    cwd: tmpdir(),
    flags: {},
    defaultFixturesDir: PROJECT_FIXTURES,
  });
  return { config, client: new NdopClient(config) };
}
