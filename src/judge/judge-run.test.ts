import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunConfig, resolveConfig } from "../config/index.js";
import { syntheticNhsNumbers } from "../fhir/index.js";
import { loadFixtureSet } from "../fixture-files/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import { type CheckResult, readRequirements } from "../report/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
import {
  fixtureFolder,
  goodFixture,
  type RewritingProxy,
  runBuiltCliAsync,
  startRewritingProxy,
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
async function judged(
  config: RunConfig,
  fixtures: LoadedFixture[],
  strict = false,
): Promise<CheckResult[]> {
  const suites = new Map(
    [...new Set(fixtures.map((f) => f.suite))].map((s) => [
      s,
      fixtures.filter((f) => f.suite === s),
    ]),
  );
  const context = await createRunContext(config, { validator: testValidator() });
  try {
    return await judgeRun(config, context, { suites, levels: LEVELS, strict });
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

  /** What the reports read of a check, less its title and time. */
  const outcomeOf = (check: CheckResult | undefined) => {
    const { title: _, durationMs: __, ...rest } = check ?? ({} as CheckResult);
    return rest;
  };

  it("judges at the level of what a check cites, skips with why, and does not judge what the pool cannot serve", async () => {
    const metadata = (expect: object) => ({
      title: "reads the CapabilityStatement",
      requirements: ["ndop-create-03"],
      steps: [{ interaction: "capabilities", method: "GET", path: "/metadata", expect }],
    });
    const folder = fixtureFolder({
      "create/new-patient.json": goodFixture({ patient: "new", formats: ["json"] }),
      // Cites a SHOULD alone, and breaks two expectations: a warning of two lines.
      "capability/should-only.json": metadata({ status: 418, resource: "Bundle" }),
      "errors/int-only.json": goodFixture({ targets: ["int"], formats: ["xml"] }),
    });
    const fixtures = loadFixtureSet(folder);
    const [patient] = syntheticNhsNumbers();
    const config = configFor(sandbox.baseUrl, folder, [patient as string]);
    const meta = (id: string, format: string, requirements: string[]) => ({
      checkId: `${id} [${format}]`,
      fixture: id,
      suite: id.split("/")[0],
      format,
      requirements,
      severity: "normal",
    });
    const should = [
      "SHOULD: step 1: GET /metadata: expected HTTP 418, got 200",
      "SHOULD: step 1: GET /metadata: expected a Bundle, got a CapabilityStatement",
    ];
    const first = await judged(config, fixtures);
    expect(first.map(outcomeOf)).toEqual([
      {
        ...meta("create/new-patient", "json", ["ndop-create-01"]),
        level: "SHALL",
        state: "passed",
        patientsConsumed: 1,
      },
      ...["json", "xml"].map((format) => ({
        ...meta("capability/should-only", format, ["ndop-create-03"]),
        level: "SHOULD",
        state: "warning",
        warnings: should,
      })),
      {
        ...meta("errors/int-only", "xml", ["ndop-create-01"]),
        level: "SHALL",
        state: "skipped",
        skipReason: "not safe against custom (targets: int)",
      },
    ]);
    // The one patient has a Consent now: a second run has no never-seen patient to give.
    const reason =
      "not judged: no never-seen test patient is left in the pool to create a Consent for (NDOP_PATIENTS)";
    expect(outcomeOf((await judged(config, fixtures))[0])).toEqual({
      ...meta("create/new-patient", "json", ["ndop-create-01"]),
      level: "SHALL",
      state: "skipped",
      notJudged: reason,
      skipReason: reason,
    });
    // Under --strict the warnings fail, each line of them.
    const strict = await judged(config, fixtures, true);
    expect(
      strict.filter((check) => check.fixture === "capability/should-only").map((c) => c.failure),
    ).toEqual(
      ["json", "xml"].map(() =>
        should.map((line) => `${line} (a warning, failing under --strict)`).join("\n"),
      ),
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
    const began = performance.now();
    const [thrown, skipped] = await judged(config, loadFixtureSet(folder));
    const took = performance.now() - began;
    const port = new URL(closed.baseUrl).port;
    expect(outcomeOf(thrown)).toEqual({
      checkId: "create/new-patient [json]",
      fixture: "create/new-patient",
      suite: "create",
      format: "json",
      requirements: ["ndop-create-01"],
      severity: "normal",
      level: "SHALL",
      state: "failed",
      failure: `GET ${closed.baseUrl}/Consent/_history?patient=https%3A%2F%2Fdemographics.spineservices.nhs.uk%2FSTU3%2FPatient%2F${patient} got no answer: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`,
    });
    expect(skipped?.state).toBe("skipped");
    // Each check's own time: within the run's, which holds both.
    const times = [thrown, skipped].map((check) => check?.durationMs ?? Number.NaN);
    expect(times.every((time) => time >= 0)).toBe(true);
    expect(times.reduce((sum, time) => sum + time, 0)).toBeLessThan(took);
  });
});

describe("createRunContext: the Consent interactions the target declares", () => {
  const proxies: RewritingProxy[] = [];
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
  });

  /** The sandbox's CapabilityStatement, rewritten on its way back. */
  async function declaredBehind(rewrite: (statement: string) => string): Promise<string[]> {
    const sandbox = await sandboxWith();
    const proxy = await startRewritingProxy(sandbox.baseUrl, (path, body) =>
      path.includes("/metadata") ? rewrite(body) : body,
    );
    proxies.push(proxy);
    const config = configFor(proxy.baseUrl, join(PROJECT, "fixtures"));
    const context = await createRunContext(config, { validator: testValidator() });
    await context.client.close();
    return [...context.declared].sort();
  }

  it("are the interaction codes of its Consent resource", async () => {
    expect(await declaredBehind((body) => body)).toEqual([
      "create",
      "history-instance",
      "history-type",
      "update",
      "vread",
    ]);
  });

  it("include versioned-update when its Consent's versioning says so, and only those listed", async () => {
    const declared = await declaredBehind((body) => {
      const statement = JSON.parse(body);
      const consent = statement.rest[0].resource.find(
        (r: { type: string }) => r.type === "Consent",
      );
      consent.versioning = "versioned-update";
      consent.interaction = [{ code: "create" }, { code: "read" }];
      // Another resource first: only the Consent's interactions count.
      statement.rest[0].resource.unshift({ type: "Patient", interaction: [{ code: "delete" }] });
      return JSON.stringify(statement);
    });
    expect(declared).toEqual(["create", "read", "versioned-update"]);
  });

  it("come with a validator of the run's profiles unless one is given to share", async () => {
    const sandbox = await sandboxWith();
    const profilesDir = mkdtempSync(join(tmpdir(), "ndop-profiles-"));
    cpSync(join(PROJECT, "profiles"), profilesDir, { recursive: true });
    const config = { ...configFor(sandbox.baseUrl, join(PROJECT, "fixtures")), profilesDir };
    const own = await createRunContext(config);
    const shared = await createRunContext(config, { validator: testValidator() });
    await Promise.all([own.client.close(), shared.client.close()]);
    expect(own.validator.profileSet.directory).toBe(profilesDir);
    expect(shared.validator).toBe(testValidator());
    expect(
      own.validator.validate(readFileSync(join(PROJECT, "fixtures", "validation", "consent.json")))
        .valid,
    ).toBe(true);
  });

  it("are none when the CapabilityStatement cannot be read, or holds no Consent", async () => {
    expect(await declaredBehind(() => "not JSON")).toEqual([]);
    expect(
      await declaredBehind((body) =>
        JSON.stringify({ ...JSON.parse(body), rest: [{ resource: [] }] }),
      ),
    ).toEqual([]);
  });
});
