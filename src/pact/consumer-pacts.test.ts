import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";

// Pacts as another consumer team writes them: no credentials pinned, their own names.
const dir = mkdtempSync(join(tmpdir(), "ndop-consumer-pacts-"));

function metadataPact(consumer: string, state?: string, status = 200): string {
  const interaction = {
    type: "Synchronous/HTTP",
    description: "a request for the capability statement",
    ...(state ? { providerStates: [{ name: state }] } : {}),
    request: {
      method: "GET",
      path: "/STU3/metadata",
      headers: { Accept: ["application/fhir+json"] },
    },
    response: {
      status,
      body: {
        contentType: "application/fhir+json",
        encoded: false,
        content: { resourceType: status === 200 ? "CapabilityStatement" : "OperationOutcome" },
      },
    },
  };
  const pact = {
    consumer: { name: consumer },
    provider: { name: "ndop-api" },
    interactions: [interaction],
    metadata: { pactSpecification: { version: "4.0" } },
  };
  const file = join(dir, `${consumer}-ndop-api.json`);
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

describe("a consumer team's own pact", () => {
  it("verifies against the sandbox without credentials in the pact: the verifier adds them", () => {
    const file = metadataPact("minimal-consumer");
    const run = runBuiltCli(["pact", "verify", "--pact", file, "--reports-dir", dir]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("1 passed, 0 failed");
  });

  it("fails an interaction whose provider state no handler knows, naming the state", () => {
    const file = metadataPact("unknown-state-consumer", "the API is up");
    const run = runBuiltCli(["pact", "verify", "--pact", file, "--reports-dir", dir]);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(
      "unknown provider state 'the API is up': known states are listed in docs/provider-states.md",
    );
    expect(run.stdout).toContain("0 passed, 1 failed");
  });

  it("keeps a credential absent when the state says the request carries none", () => {
    const file = metadataPact("negative-consumer", "the request carries no Authorization", 400);
    const run = runBuiltCli(["pact", "verify", "--pact", file, "--reports-dir", dir]);
    // The sandbox refuses the request without a JWT with 400, as this pact expects.
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("1 passed, 0 failed");
  });

  it("fails the run when one of several pacts cannot be loaded, though the others verify", () => {
    const good = metadataPact("good-consumer");
    const broken = join(dir, "broken-ndop-api.json");
    writeFileSync(broken, '{"consumer": {"name": "broken"');
    const run = runBuiltCli([
      "pact",
      "verify",
      "--pact",
      good,
      "--pact",
      broken,
      "--reports-dir",
      dir,
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const verdict = run.stdout
      .split("\n")
      .filter((line) => /^( {2}(FAILED|consumer) |Pact verification)/.test(line));
    expect(verdict.map((line) => line.replace(/\(\d+ ms\)$/, "(… ms)"))).toEqual([
      `  FAILED Failed to load pact: Failed to load pact '${broken}' - Failed to parse Pact JSON`,
      "Pact verification against sandbox: 1 passed, 0 failed, 0 skipped, 0 pending (… ms)",
      "  consumer good-consumer: 1 passed, 0 failed, 0 pending",
    ]);
  });
});
