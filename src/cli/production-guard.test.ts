import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NdopValidator, syntheticNhsNumber } from "../fhir/index.js";
import { loadSuiteFixtures, suiteNames } from "../fixture-files/index.js";
import { isWrite, PRODUCTION_WRITE_CONFIRMATION } from "../safety/index.js";
import { generateTestPki, type RunningSandbox, startSandbox } from "../sandbox/index.js";
import { generatePactFile, runBuiltCliAsync, startConnectProxy } from "../testing/index.js";
import { FIXTURES_DIR } from "./preflight.js";

/**
 * The guard test (issue 8): every command that sends requests, against a loopback server standing
 * in for Production, once as `--env prod` and once by the Production host name reached through a
 * loopback HTTPS proxy. Without the sentence the server receives no write and every read check
 * still runs; with it, exactly the writes the commands make arrive.
 */
const PRODUCTION_HOST = "clinicals.spineservices.nhs.uk";
const folder = mkdtempSync(join(tmpdir(), "ndop-guard-"));
const pki = generateTestPki([PRODUCTION_HOST, "127.0.0.1"]);
const files = {
  ca: join(folder, "ca.pem"),
  cert: join(folder, "client.pem"),
  key: join(folder, "client.key"),
};
const pactFile = join(folder, "pacts", "ndop-conformance-client-ndop-fhir-api.json");
const closers: (() => Promise<void>)[] = [];
let validator: NdopValidator;

beforeAll(() => {
  writeFileSync(files.ca, pki.caCert);
  writeFileSync(files.cert, pki.clientCert);
  writeFileSync(files.key, pki.clientKey);
  validator = NdopValidator.create();
  const generated = generatePactFile(join(folder, "pacts"), { NDOP_REPORTS_DIR: folder });
  expect(generated.status, generated.stderr).toBe(0);
});

afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  rmSync(folder, { recursive: true, force: true });
});

interface StandIn {
  args: string[];
  env: Record<string, string>;
  /** Methods the stand-in received, one per request. */
  received: string[];
  /** The CONNECT targets its proxy was asked for, when it stands behind one. */
  tunnels: string[];
}

/** A fresh sandbox that records each request's method. */
async function countingSandbox(
  tls: boolean,
): Promise<{ sandbox: RunningSandbox; received: string[] }> {
  const received: string[] = [];
  const sandbox = await startSandbox(
    tls ? { tls: { key: pki.serverKey, cert: pki.serverCert, clientCa: pki.caCert } } : {},
    { validator, log: (line) => received.push(line.split(" ")[1] ?? "?") },
  );
  closers.push(() => sandbox.close());
  return { sandbox, received };
}

const prodPatients = Array.from({ length: 150 }, (_, index) => syntheticNhsNumber(index + 7)).join(
  ",",
);

/** Production by name: `--env prod`, its base URL overridden to a loopback sandbox. */
async function prodByEnvironment(): Promise<StandIn> {
  const { sandbox, received } = await countingSandbox(false);
  return {
    args: ["--env", "prod", "--base-url", sandbox.baseUrl],
    env: {
      NDOP_CLIENT_CERT: files.cert,
      NDOP_CLIENT_KEY: files.key,
      NDOP_CLIENT_ASID: "200000000001",
      NDOP_PROVIDER_ASID: "999999999999",
      NDOP_PATIENTS: prodPatients,
      // A fixed open hour: the guard's verdict must not depend on prod's service hours.
      NDOP_CLOCK: "2026-11-25T12:00:00Z",
    },
    received,
    tunnels: [],
  };
}

/** Production by host: `--env custom` at the Production host name, which a loopback proxy maps here. */
async function prodByHostName(): Promise<StandIn> {
  const { sandbox, received } = await countingSandbox(true);
  const proxy = await startConnectProxy({ [PRODUCTION_HOST]: sandbox.port });
  closers.push(() => proxy.close());
  return {
    args: ["--env", "custom", "--base-url", `https://${PRODUCTION_HOST}/STU3`],
    env: {
      NDOP_HTTPS_PROXY: proxy.url,
      NDOP_CA_BUNDLE: files.ca,
      NDOP_CLIENT_CERT: files.cert,
      NDOP_CLIENT_KEY: files.key,
    },
    received,
    tunnels: proxy.tunnels,
  };
}

const writesIn = (received: string[]) => received.filter(isWrite);

/** Behind the proxy, every connection went to the Production host name (and so through the guard's host rule). */
function expectReachedAs(target: StandIn, name: string): void {
  if (name === "--env prod") expect(target.tunnels).toEqual([]);
  else expect([...new Set(target.tunnels)]).toEqual([`${PRODUCTION_HOST}:443`]);
}

/** Write steps per fixture id, from the fixtures themselves. */
function writeSteps(): Map<string, number> {
  const steps = new Map<string, number>();
  for (const suite of suiteNames(FIXTURES_DIR))
    for (const loaded of loadSuiteFixtures(FIXTURES_DIR, suite))
      steps.set(loaded.id, loaded.fixture.steps.filter((step) => isWrite(step.method)).length);
  return steps;
}

/** Fixtures that reuse an existing Consent: they may have to create it first, so they write too. */
const reusesConsent = new Set(
  suiteNames(FIXTURES_DIR)
    .flatMap((suite) => loadSuiteFixtures(FIXTURES_DIR, suite))
    .filter((loaded) => loaded.fixture.patient === "existing")
    .map((loaded) => loaded.id),
);

interface Check {
  checkId: string;
  fixture: string;
  state: string;
  skipReason?: string;
}

async function runSuites(command: "run" | "baseline", target: StandIn, confirmed: boolean) {
  const reports = mkdtempSync(join(folder, `${command}-`));
  const extra = command === "baseline" ? ["--out", join(reports, "baseline.json")] : [];
  const run = await runBuiltCliAsync(
    [command, ...target.args, "--reports-dir", reports, ...extra],
    confirmed
      ? { ...target.env, NDOP_ALLOW_PRODUCTION_WRITES: PRODUCTION_WRITE_CONFIRMATION }
      : target.env,
  );
  expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
  const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8"));
  return summary.checks as Check[];
}

const standIns = { "--env prod": prodByEnvironment, "the Production host name": prodByHostName };

describe.each(Object.entries(standIns))("the guard test: Production as %s", (name, standIn) => {
  it.each(["run", "baseline"] as const)(
    "%s sends no write without the sentence, loses no read, and writes with it",
    async (command) => {
      const steps = writeSteps();
      const guarded = await standIn();
      const readOnly = await runSuites(command, guarded, false);
      expect(writesIn(guarded.received)).toEqual([]);
      expectReachedAs(guarded, name);

      const confirmed = await standIn();
      const full = await runSuites(command, confirmed, true);
      expect(full.filter((check) => check.state === "failed")).toEqual([]);
      const expectedWrites = full
        .filter((check) => check.state === "passed")
        .reduce((sum, check) => sum + (steps.get(check.fixture) ?? Number.NaN), 0);
      expect(writesIn(confirmed.received).length).toBe(expectedWrites);

      // Same checks; the ones that write are skipped with the reason, every other has the same outcome.
      expect(readOnly.map((check) => check.checkId)).toEqual(full.map((check) => check.checkId));
      readOnly.forEach((check, index) => {
        if ((steps.get(check.fixture) ?? 0) > 0 || reusesConsent.has(check.fixture)) {
          expect(check.state, check.checkId).toBe("skipped");
          expect(check.skipReason).toMatch(/writes to production are not confirmed/);
        } else expect(check.state, check.checkId).toBe(full[index]?.state);
      });
    },
  );

  it("pact verify skips the interactions that write (or whose state writes), verifies the rest, and writes with the sentence", async () => {
    const pact = JSON.parse(readFileSync(pactFile, "utf8")) as {
      interactions: {
        description: string;
        request: { method: string };
        providerStates?: { name: string }[];
      }[];
    };
    // The writes each state makes outside the sandbox: "has versions" creates and updates, the
    // other Consent states create, and "has no Consent" and the marker of a negative security
    // interaction ("the request carries no <header>") set nothing up.
    const writesOf = (name: string) =>
      name.includes("has no Consent") || name.startsWith("the request carries no ")
        ? 0
        : name.includes("has versions")
          ? 2
          : 1;
    const stateWrites = (states: { name: string }[] = []) =>
      states.reduce((sum, state) => sum + writesOf(state.name), 0);
    const writing = pact.interactions.filter(
      (interaction) =>
        isWrite(interaction.request.method) || stateWrites(interaction.providerStates) > 0,
    );
    const reports = mkdtempSync(join(folder, "verify-"));
    const verify = (target: StandIn, env: Record<string, string>) =>
      runBuiltCliAsync(
        ["pact", "verify", ...target.args, "--pact", pactFile, "--reports-dir", reports],
        {
          ...target.env,
          ...env,
        },
      );

    const guarded = await standIn();
    const readOnly = await verify(guarded, {});
    expect(readOnly.status, readOnly.stdout.slice(-3000) + readOnly.stderr).toBe(0);
    expect(writesIn(guarded.received)).toEqual([]);
    expectReachedAs(guarded, name);
    const reads = pact.interactions.length - writing.length;
    expect(readOnly.stdout).toMatch(
      new RegExp(`: ${reads} passed, 0 failed, ${writing.length} skipped`),
    );
    const skipped = readOnly.stdout.split("\n").filter((line) => line.startsWith("  SKIPPED "));
    expect(skipped.map((line) => line.slice(10, line.lastIndexOf(": it")))).toEqual(
      writing.map((interaction) => interaction.description),
    );

    const confirmed = await standIn();
    const full = await verify(confirmed, {
      NDOP_ALLOW_PRODUCTION_WRITES: PRODUCTION_WRITE_CONFIRMATION,
    });
    expect(full.status, full.stdout.slice(-3000)).toBe(0);
    expect(full.stdout).toMatch(
      new RegExp(`: ${pact.interactions.length} passed, 0 failed, 0 skipped`),
    );
    const expectedWrites = pact.interactions.reduce(
      (sum, interaction) =>
        sum +
        (isWrite(interaction.request.method) ? 1 : 0) +
        stateWrites(interaction.providerStates),
      0,
    );
    expect(writesIn(confirmed.received).length).toBe(expectedWrites);
  });
});

describe("pact verify against Production without the sentence, from a broker", () => {
  it("is refused in one line before anything is sent: broker pacts cannot be filtered first", async () => {
    const target = await prodByEnvironment();
    const run = await runBuiltCliAsync(["pact", "verify", ...target.args], {
      ...target.env,
      // Nothing listens there: the refusal comes before any broker call.
      PACT_BROKER_BASE_URL: "http://127.0.0.1:9",
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd()).toBe(
      "ndop-conformance: pact verify against Production without the confirmation sentence needs local pact files (--pact), so the interactions that write can be left out before anything is sent.",
    );
    expect(writesIn(target.received)).toEqual([]);
  });
});
