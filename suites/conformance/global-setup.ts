import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { type RunConfig, resolveConfig } from "../../src/config/index.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    ndopRun: RunConfig;
  }
}

/**
 * Once per run, before any suite: take the run's settings (from `ndop-conformance run`, or from
 * the environment when vitest is run directly), and start the embedded sandbox when it is the target.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = process.env.NDOP_RUN_CONFIG
    ? (JSON.parse(process.env.NDOP_RUN_CONFIG) as RunConfig)
    : resolveConfig({
        env: process.env,
        cwd: process.cwd(),
        flags: {},
        defaultFixturesDir: fileURLToPath(new URL("../../fixtures/", import.meta.url)),
      }).config;
  let sandbox: RunningSandbox | undefined;
  if (config.environment === "sandbox") {
    sandbox = await startSandbox({
      port: 0,
      faults: config.sandbox.faults as never,
      store: config.sandbox.store,
    });
    config.baseUrl = sandbox.baseUrl;
    // Read back by `ndop-conformance run` (same process) for its summary.
    process.env.NDOP_SANDBOX_BASE_URL = sandbox.baseUrl;
  }
  project.provide("ndopRun", config);
  return async () => {
    await sandbox?.close();
  };
}
