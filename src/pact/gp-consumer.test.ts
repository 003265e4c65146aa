import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli, runBuiltCliAsync, startRecordingBroker } from "../testing/index.js";

// The example consumer (examples/gp-consumer) writes its pact with its own pact-js tests, as a
// consumer team would; the provider verification then replays it against the sandbox.
const dir = mkdtempSync(join(tmpdir(), "ndop-gp-consumer-"));
const pactsDir = join(dir, "pacts");
const pactFile = join(pactsDir, "gp-optout-client-ndop-api.json");
const HISTORY = "a request for a patient's opt-out history";
const METADATA = "a request for the capability statement";
const NOT_A_BUNDLE = "Expected 'CapabilityStatement' (String) to be equal to 'Bundle' (String)";
const PENDING_NOTE = " (a pending pact: its failures do not fail the run)";

/** A second consumer team's one-interaction pact: `GET /STU3/metadata` answered with `resourceType`. */
function metadataPact(consumer: string, resourceType: string): string {
  const pact = {
    consumer: { name: consumer },
    provider: { name: "ndop-api" },
    interactions: [
      {
        type: "Synchronous/HTTP",
        description: "a request for the capability statement",
        request: { method: "GET", path: "/STU3/metadata" },
        response: {
          status: 200,
          body: { contentType: "application/fhir+json", encoded: false, content: { resourceType } },
        },
      },
    ],
    metadata: { pactSpecification: { version: "4.0" } },
  };
  const others = join(dir, "others");
  mkdirSync(others, { recursive: true });
  const file = join(others, `${consumer}-ndop-api.json`);
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

/** The lines of a verification that name a consumer or a failure, as the terminal shows them. */
const verdictLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => /^ {2}(consumer|FAILED|PENDING) |^Pact verification against /.test(line))
    .map((line) =>
      line
        .replace(/: Expected \[.*$/, ": Expected [the history's entries] …")
        .replace(/\(\d+ ms\)$/, "(… ms)"),
    );

interface AllureResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  attachments: { name: string; source: string }[];
  statusDetails: { message?: string };
}

const allureResults = (reports: string): AllureResult[] => {
  const results = join(reports, "allure-results");
  return readdirSync(results)
    .filter((name) => name.endsWith("-result.json"))
    .map((name) => JSON.parse(readFileSync(join(results, name), "utf8")));
};
const label = (result: AllureResult, name: string) =>
  result.labels.find((entry) => entry.name === name)?.value;
const attachedTo = (reports: string, result: AllureResult) =>
  JSON.parse(
    readFileSync(join(reports, "allure-results", result.attachments[0]?.source ?? ""), "utf8"),
  );
const historyInPact = () =>
  JSON.parse(readFileSync(pactFile, "utf8")).interactions.find(
    (interaction: { description: string }) => interaction.description === HISTORY,
  );

beforeAll(() => {
  const run = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "examples/gp-consumer/consumer.test.ts"],
    { env: { ...process.env, PACT_DIR: pactsDir }, encoding: "utf8", timeout: 120_000 },
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
    expect(run.stdout).toContain(`  FAILED [gp-optout-client] ${HISTORY}:`);
    expect(run.stdout).toContain("2 passed, 1 failed");
  });
});

describe("verifying several consumers' pacts at once", () => {
  const reports = join(dir, "two-consumers");
  const other = metadataPact("appointments-app", "CapabilityStatement");
  let run: Awaited<ReturnType<typeof runBuiltCliAsync>>;
  beforeAll(async () => {
    run = await runBuiltCliAsync(
      ["pact", "verify", "--pact", pactFile, "--pact", other, "--reports-dir", reports],
      { NDOP_SANDBOX_FAULTS: "history-drops-version" },
    );
  });

  it("counts each consumer apart, and fails the run for the consumer whose interaction failed", () => {
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(verdictLines(run.stdout)).toEqual([
      `  FAILED [gp-optout-client] ${HISTORY}: Expected [the history's entries] …`,
      "Pact verification against sandbox: 3 passed, 1 failed, 0 skipped, 0 pending (… ms)",
      "  consumer gp-optout-client: 2 passed, 1 failed, 0 pending",
      "  consumer appointments-app: 1 passed, 0 failed, 0 pending",
    ]);
  });

  it("writes the same counts to pact-verification.json", () => {
    const summary = JSON.parse(readFileSync(join(reports, "pact-verification.json"), "utf8"));
    expect(summary.exitCode).toBe(1);
    expect(summary.consumers).toEqual([
      { consumer: "gp-optout-client", passed: 2, failed: 1, pending: 0 },
      { consumer: "appointments-app", passed: 1, failed: 0, pending: 0 },
    ]);
  });

  it("files each interaction in Allure under its consumer, a failure with its interaction, not the pact", () => {
    const written = allureResults(reports);
    expect(
      written
        .map(
          (result) =>
            `${label(result, "feature")} / ${label(result, "story")} / ${result.name}: ${result.status}`,
        )
        .sort(),
    ).toEqual([
      "Pact contracts / appointments-app / a request for the capability statement: passed",
      "Pact contracts / gp-optout-client / a new opt-out: passed",
      `Pact contracts / gp-optout-client / ${HISTORY}: failed`,
      "Pact contracts / gp-optout-client / a withdrawal of an opt-out: passed",
    ]);
    const failed = written.find((result) => result.status === "failed") as AllureResult;
    expect(failed.attachments.map((entry) => entry.name)).toEqual(["interaction and mismatch"]);
    const attached = attachedTo(reports, failed);
    const inPact = historyInPact();
    expect(attached.consumer).toBe("gp-optout-client");
    expect(attached.interaction).toEqual(inPact);
    expect(Object.keys(attached.interaction)).toEqual(
      expect.arrayContaining(["description", "providerStates", "request", "response"]),
    );
    expect(attached.mismatch).toMatch(/^Expected \[.*\(size 1\) to have minimum size of 2$/);
    expect(failed.statusDetails.message).toBe(attached.mismatch);
  });
});

describe("the example consumer through a Pact Broker (a recording stand-in on loopback: the real broker is a service its users run)", () => {
  let broker: Awaited<ReturnType<typeof startRecordingBroker>>;
  // Another team's new pact, which the broker calls pending: it expects a Bundle from /metadata.
  const pendingPact = metadataPact("new-gp-app", "Bundle");
  beforeAll(async () => {
    broker = await startRecordingBroker(
      [{ file: pendingPact, consumer: "new-gp-app", pending: true }],
      {
        consumer: "gp-optout-client",
        provider: "ndop-api",
      },
    );
  });
  afterAll(() => broker.close());
  const brokerEnv = () => ({
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: "test-token",
    NDOP_PACT_PROVIDER: "ndop-api",
    NDOP_PACT_VERSION: "2.0.0",
    NDOP_PACT_BRANCH: "main",
  });
  const verify = (env: NodeJS.ProcessEnv) =>
    runBuiltCliAsync(["pact", "verify", "--reports-dir", join(dir, "broker")], {
      ...brokerEnv(),
      ...env,
    });

  it("publishes the example consumer's pact to the broker", async () => {
    const run = await runBuiltCliAsync(["pact", "publish", "--pacts", pactsDir], brokerEnv());
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const publish = broker.requests.find((request) => request.url === "/contracts/publish");
    expect(
      JSON.parse(publish?.body ?? "{}").contracts.map(
        (c: { consumerName: string }) => c.consumerName,
      ),
    ).toEqual(["gp-optout-client"]);
  });

  it("verifies it from the broker (no --pact); the pending pact's failure is reported, not counted", async () => {
    const run = await verify({});
    expect(run.status, run.stdout.slice(-2000) + run.stderr).toBe(0);
    // The broker's order: the pending pact was there before the example's was published.
    expect(verdictLines(run.stdout)).toEqual([
      `  PENDING [new-gp-app] ${METADATA}: ${NOT_A_BUNDLE}`,
      "Pact verification against sandbox: 3 passed, 0 failed, 0 skipped, 1 pending (… ms)",
      `  consumer new-gp-app: 0 passed, 0 failed, 1 pending${PENDING_NOTE}`,
      "  consumer gp-optout-client: 3 passed, 0 failed, 0 pending",
    ]);
    const fetched = broker.requests.find(
      (request) => request.url.endsWith("/for-verification") && request.method === "POST",
    );
    expect(JSON.parse(fetched?.body ?? "{}").includePendingStatus).toBe(true);
  });

  it("fails from the broker too when the sandbox drops a history version the example relies on", async () => {
    const before = broker.requests.length;
    const run = await verify({ NDOP_SANDBOX_FAULTS: "history-drops-version" });
    expect(run.status, run.stdout.slice(-2000) + run.stderr).toBe(1);
    expect(verdictLines(run.stdout)).toEqual([
      `  PENDING [new-gp-app] ${METADATA}: ${NOT_A_BUNDLE}`,
      `  FAILED [gp-optout-client] ${HISTORY}: Expected [the history's entries] …`,
      "Pact verification against sandbox: 2 passed, 1 failed, 0 skipped, 1 pending (… ms)",
      `  consumer new-gp-app: 0 passed, 0 failed, 1 pending${PENDING_NOTE}`,
      "  consumer gp-optout-client: 2 passed, 1 failed, 0 pending",
    ]);
    const published = broker.requests
      .slice(before)
      .filter((request) => request.url.endsWith("/verification-results"))
      .map((request) => [request.url.split("/consumer/")[1], JSON.parse(request.body).success]);
    expect(published).toEqual([
      ["new-gp-app/version/1.0.0/verification-results", false],
      ["gp-optout-client/version/1.0.0/verification-results", false],
    ]);
    // Filed under their consumers; the pending one tagged. The verifier keeps the broker's pacts
    // to itself (and product code opens no connection but the NDOP client's), so a failure's
    // attachment names its interaction, with the mismatch, instead of quoting it.
    const failed = allureResults(join(dir, "broker")).filter(
      (result) => result.status === "failed",
    );
    const tagged = (result: AllureResult) =>
      result.labels.some((label) => label.name === "tag" && label.value === "pending");
    expect(failed.map((result) => [label(result, "story"), result.name, tagged(result)])).toEqual(
      expect.arrayContaining([
        ["new-gp-app", METADATA, true],
        ["gp-optout-client", HISTORY, false],
      ]),
    );
    const history = failed.find((result) => result.name === HISTORY) as AllureResult;
    const attached = attachedTo(join(dir, "broker"), history);
    expect(attached.interaction).toEqual({
      description: HISTORY,
      note: "the pact came from the Pact Broker: the interaction is there, under this consumer and description",
    });
    expect(attached.mismatch).toBe(history.statusDetails.message);
  });
});
