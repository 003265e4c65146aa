import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";

// The example consumer (examples/gp-consumer) writes its pact with its own pact-js tests, as a
// consumer team would; the provider verification then replays it against the sandbox.
const dir = mkdtempSync(join(tmpdir(), "ndop-gp-consumer-"));
const pactFile = join(dir, "gp-optout-client-ndop-api.json");

beforeAll(() => {
  const run = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "examples/gp-consumer/consumer.test.ts"],
    { env: { ...process.env, PACT_DIR: dir }, encoding: "utf8", timeout: 120_000 },
  );
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(existsSync(pactFile)).toBe(true);
}, 150_000);

describe("the example GP consumer's pact", () => {
  it("verifies against the sandbox", () => {
    const run = runBuiltCli(["pact", "verify", "--pact", pactFile, "--reports-dir", dir]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("3 passed, 0 failed");
  });

  it("fails on the history it relies on when the sandbox drops a version", () => {
    const run = runBuiltCli(["pact", "verify", "--pact", pactFile, "--reports-dir", dir], {
      NDOP_SANDBOX_FAULTS: "history-drops-version",
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("  FAILED a request for a patient's opt-out history:");
    expect(run.stdout).toContain("2 passed, 1 failed");
  });
});
