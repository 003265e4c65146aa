import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunConfig, resolveConfig } from "../config/index.js";
import { syntheticNhsNumbers } from "../fhir/index.js";
import { type LoadedFixture, loadFixtureSet } from "../fixtures/index.js";
import { type CheckResult, readRequirements } from "../report/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
import {
  fixtureFolder,
  goodFixture,
  runBuiltCliAsync,
  startTestSandbox,
  testValidator,
} from "../testing/index.js";
import { createRunContext, judgeRun, suiteOrder } from "./index.js";

const PROJECT = join(import.meta.dirname, "..", "..");
const LEVELS = new Map(
  readRequirements(join(PROJECT, "suites", "requirements.csv")).map((r) => [r.key, r.level]),
);
/** The conformance suites: those with a test file, as `run` gives them to vitest. */
const SUITES = readdirSync(join(PROJECT, "suites", "conformance"))
  .filter((file) => file.endsWith(".test.ts"))
  .map((file) => file.slice(0, -".test.ts".length));

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  for (const sandbox of sandboxes) await sandbox.close();
});

async function sandboxWith(faults: string[] = []): Promise<RunningSandbox> {
  const sandbox = await startTestSandbox({ faults: faults as never });
  sandboxes.push(sandbox);
  return sandbox;
}

function configFor(baseUrl: string, fixturesDir: string, patients: string[] = []): RunConfig {
  const env: NodeJS.ProcessEnv = { NDOP_ENV: "custom", NDOP_BASE_URL: baseUrl };
  if (patients.length > 0) env.NDOP_PATIENTS = patients.join(",");
  return resolveConfig({ env, cwd: tmpdir(), flags: {}, defaultFixturesDir: fixturesDir }).config;
}

/** Every check of the given suites' fixtures, judged in this process against the config's target. */
async function judged(config: RunConfig, fixtures: LoadedFixture[]): Promise<CheckResult[]> {
  const suites = new Map(
    [...new Set(fixtures.map((f) => f.suite))].map((s) => [
      s,
      fixtures.filter((f) => f.suite === s),
    ]),
  );
  const context = await createRunContext(config, { validator: testValidator() });
  try {
    return await judgeRun(config, context, { suites, levels: LEVELS, strict: false });
  } finally {
    await context.client.close();
  }
}

/** What a check's result says, without what differs between two runs (ids, numbers, ports, time). */
function verdictOf(check: CheckResult) {
  const { durationMs: _, ...rest } = check;
  return JSON.parse(
    JSON.stringify(rest)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
      .replace(/999\d{7}/g, "<nhs-number>")
      .replace(/127\.0\.0\.1:\d+/g, "<host>"),
  );
}

describe("suiteOrder", () => {
  it("takes create first (its new patients' Consents are reused), then the rest by name", () => {
    expect(suiteOrder(["vread", "errors", "create", "capability"])).toEqual([
      "create",
      "capability",
      "errors",
      "vread",
    ]);
  });
});

describe("judgeRun: the checks judged without vitest", () => {
  it("gives every check the result `run` gives it under vitest, on a server with faults that fail, block and warn", async () => {
    const faults = ["json-when-xml-asked", "update-ignores-if-match"];
    const reports = mkdtempSync(join(tmpdir(), "ndop-judge-"));
    // `run` as a user runs it: the built CLI, vitest and its suite worker, the summary it writes.
    const cli = await runBuiltCliAsync(["run", "--reports-dir", reports], {
      NDOP_SANDBOX_FAULTS: faults.join(","),
    });
    expect(cli.status, cli.stderr).toBe(1);
    const byRun: CheckResult[] = JSON.parse(
      readFileSync(join(reports, "summary.json"), "utf8"),
    ).checks;
    const sandbox = await sandboxWith(faults);
    const fixtures = loadFixtureSet(join(PROJECT, "fixtures"));
    const config = {
      ...configFor(sandbox.baseUrl, join(PROJECT, "fixtures")),
      environment: "sandbox",
    };
    const direct = await judged(
      config as RunConfig,
      fixtures.filter((f) => SUITES.includes(f.suite)),
    );
    // The summary lists checks by vitest's order of test files; the run order is the same (create first).
    const byId = (a: CheckResult, b: CheckResult) => a.checkId.localeCompare(b.checkId);
    expect(direct.map(verdictOf).sort(byId)).toEqual(byRun.map(verdictOf).sort(byId));
    const states = direct.map((check) => check.state);
    expect(
      ["passed", "warning", "failed", "blocked"].map((s) => states.filter((x) => x === s).length),
    ).toEqual([91, 1, 80, 12]);
  }, 120_000);

  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await sandboxWith();
  });

  it("a check not for this target is skipped with why, and one the pool cannot serve is not judged", async () => {
    const folder = fixtureFolder({
      "create/new-patient.json": goodFixture({ patient: "new", formats: ["json"] }),
      "errors/int-only.json": goodFixture({ targets: ["int"], formats: ["xml"] }),
    });
    const fixtures = loadFixtureSet(folder);
    const [patient] = syntheticNhsNumbers();
    const config = configFor(sandbox.baseUrl, folder, [patient as string]);
    const first = await judged(config, fixtures);
    expect(
      first.map(({ checkId, state, patientsConsumed, skipReason }) => ({
        checkId,
        state,
        patientsConsumed,
        skipReason,
      })),
    ).toEqual([
      {
        checkId: "create/new-patient [json]",
        state: "passed",
        patientsConsumed: 1,
        skipReason: undefined,
      },
      {
        checkId: "errors/int-only [xml]",
        state: "skipped",
        patientsConsumed: undefined,
        skipReason: "not safe against custom (targets: int)",
      },
    ]);
    // The one patient has a Consent now: a second run has no never-seen patient to give.
    const [again] = await judged(config, fixtures);
    expect(again).toMatchObject({ checkId: "create/new-patient [json]", state: "skipped" });
    expect(again?.notJudged).toBe(again?.skipReason);
    expect(again?.notJudged).toBe(
      "not judged: no never-seen test patient is left in the pool to create a Consent for (NDOP_PATIENTS)",
    );
  });

  it("a check that throws fails with the error's message, as under vitest, and the run goes on", async () => {
    const closed = await sandboxWith();
    await closed.close();
    const folder = fixtureFolder({
      "create/new-patient.json": goodFixture({ patient: "new", formats: ["json"] }),
      "errors/int-only.json": goodFixture({ targets: ["int"], formats: ["json"] }),
    });
    const [, patient] = syntheticNhsNumbers();
    // No retries: the refused connection is the whole point, and need not be waited out.
    const config = { ...configFor(closed.baseUrl, folder, [patient as string]), retries: 0 };
    const [thrown, skipped] = await judged(config, loadFixtureSet(folder));
    expect(thrown).toMatchObject({ checkId: "create/new-patient [json]", state: "failed" });
    const port = new URL(closed.baseUrl).port;
    expect(thrown?.failure).toBe(
      `GET ${closed.baseUrl}/Consent/_history?patient=https%3A%2F%2Fdemographics.spineservices.nhs.uk%2FSTU3%2FPatient%2F${patient} got no answer: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(skipped?.state).toBe("skipped");
  });
});
