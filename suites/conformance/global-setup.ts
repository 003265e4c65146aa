import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import type { RunConfig } from "../../src/config/index.js";
import type { RunningSandbox } from "../../src/sandbox/index.js";

// `ndopRun`, what the suites inject(), is declared in src/cli/suites-vitest.ts, where the build
// (src only) sees it too.

/**
 * Once per run, before any suite: take the run's settings (from `ndop-conformance run`, or from
 * the environment when vitest is run directly), and start the embedded sandbox when it is the
 * target and not started yet (`ndop-conformance run` starts it itself and passes its URL). The
 * imports are dynamic so that a run given its settings loads neither the config nor the sandbox.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = process.env.NDOP_RUN_CONFIG
    ? (JSON.parse(process.env.NDOP_RUN_CONFIG) as RunConfig)
    : (await import("../../src/config/index.js")).resolveConfig({
        env: process.env,
        cwd: process.cwd(),
        flags: {},
        defaultFixturesDir: fileURLToPath(new URL("../../fixtures/", import.meta.url)),
      }).config;
  let sandbox: RunningSandbox | undefined;
  if (config.environment === "sandbox" && !config.baseUrl) {
    const { startSandbox } = await import("../../src/sandbox/index.js");
    sandbox = await startSandbox({
      port: 0,
      faults: config.sandbox.faults as never,
      store: config.sandbox.store,
    });
    config.baseUrl = sandbox.baseUrl;
  }
  project.provide("ndopRun", config);
  return async () => {
    await sandbox?.close();
  };
}
