import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectedCounts,
  generatePactFile,
  runBuiltCli,
  runBuiltCliAsync,
  startRecordingBroker,
} from "../testing/index.js";
import { PACT_EXAMPLES } from "./index.js";

interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  metadata: { pactSpecification: { version: string } };
  interactions: {
    description: string;
    providerStates?: { name: string }[];
    request: {
      path: string;
      body?: { content: unknown };
      generators?: {
        path?: unknown;
        body?: Record<string, unknown>;
        query?: Record<string, unknown>;
      };
      query?: Record<string, string[]>;
    };
    response: {
      status: number;
      headers?: Record<string, string[]>;
      body?: { content: unknown };
      matchingRules?: { header?: Record<string, unknown>; body?: Record<string, unknown> };
    };
  }[];
}

/** The JSON paths, as Pact writes them, of the strings in `value` that contain `example`. */
function pathsNaming(value: unknown, example: string, path = "$"): string[] {
  if (typeof value === "string") return value.includes(example) ? [path] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => pathsNaming(item, example, `${path}[${index}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, item]) =>
      pathsNaming(item, example, `${path}.${key}`),
    );
  return [];
}

const reports = mkdtempSync(join(tmpdir(), "ndop-pact-"));
const pactsDir = join(reports, "pacts");
const names = { NDOP_PACT_CONSUMER: "gp-system", NDOP_PACT_PROVIDER: "ndop-api" };
const pactFile = join(pactsDir, "gp-system-ndop-api.json");
let pact: PactFile;

beforeAll(() => {
  const generated = generatePactFile(pactsDir, { ...names, NDOP_REPORTS_DIR: reports });
  expect(generated.status, generated.stdout + generated.stderr).toBe(0);
  pact = JSON.parse(readFileSync(pactFile, "utf8"));
});

describe("the consumer contract, generated from the fixtures through the NDOP client", () => {
  it("is a Pact V4 file named for the consumer and provider settings", () => {
    expect(pact.consumer.name).toBe("gp-system");
    expect(pact.provider.name).toBe("ndop-api");
    expect(pact.metadata.pactSpecification.version).toBe("4.0");
  });

  it("covers create, duplicate create, update, instance and patient history, vread and the main errors, in JSON and XML", () => {
    const described = pact.interactions.map((interaction) => interaction.description);
    for (const fixture of [
      "create/201-new-patient",
      "errors/422-duplicate",
      "update/200-withdraw",
      "history/200-instance",
      "history/200-patient",
      "vread/200-each-version",
      "errors/405-create-with-id",
      "errors/422-invalid-nhs-number",
      "errors/404-history-unknown-id",
    ]) {
      expect(
        described.some((description) => description.includes(`(${fixture},`)),
        fixture,
      ).toBe(true);
    }
    expect(described.filter((description) => description.includes("[xml]")).length).toBe(
      expectedCounts().pactXmlInteractions,
    );
    expect(pact.interactions.length).toBe(expectedCounts().pactInteractions);
  });

  it("states each precondition as a provider state, never as a sandbox id", () => {
    const states = new Set(
      pact.interactions.flatMap((interaction) =>
        (interaction.providerStates ?? []).map((state) => state.name),
      ),
    );
    expect([...states].sort()).toEqual([
      "Consent ${consentId} exists for patient ${nhsNumber} with status active",
      "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}",
      "patient ${nhsNumber} has a Consent",
      "patient ${nhsNumber} has no Consent",
      "the request carries no Authorization",
    ]);
    const negative = pact.interactions.find((interaction) =>
      interaction.description.includes("(security/400-missing-jwt,"),
    );
    expect(negative?.providerStates?.map((state) => state.name)).toEqual([
      "the request carries no Authorization",
    ]);
  });

  it("holds no value only this sandbox would produce: every server-assigned field is a matcher or a provider-state value", () => {
    const text = JSON.stringify(pact);
    const uuids = (
      text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []
    ).filter((uuid) => uuid !== "5b9a2e8e-8b1f-4f5e-9a3c-2d6e7f8a9b0c");
    expect(uuids, "server-made UUIDs in the pact").toEqual([]);
    const times = (text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/g) ?? []).filter(
      (time) => !time.startsWith("2026-01-01T00:00:00"),
    );
    expect(times, "timestamps other than the examples").toEqual([]);
    for (const interaction of pact.interactions) {
      const { request, response } = interaction;
      const where = interaction.description;
      for (const example of [PACT_EXAMPLES.consentId, PACT_EXAMPLES.v1, PACT_EXAMPLES.v2]) {
        if (request.path.includes(example))
          expect(request.generators?.path, `${where}: path`).toBeDefined();
      }
      if (JSON.stringify(request.query ?? {}).includes(PACT_EXAMPLES.nhsNumber))
        expect(request.generators?.query, `${where}: query`).toBeDefined();
      // Every field of the body that names the example patient or Consent (patient, consentingParty,
      // id) is a provider-state value, whichever other field a negative case makes invalid.
      for (const example of [PACT_EXAMPLES.nhsNumber, PACT_EXAMPLES.consentId])
        for (const path of pathsNaming(request.body?.content, example))
          expect(Object.keys(request.generators?.body ?? {}), `${where}: ${path}`).toContain(path);
      for (const header of ["Location", "ETag"]) {
        if (response.headers?.[header])
          expect(response.matchingRules?.header?.[header], `${where}: ${header}`).toBeDefined();
      }
      const rules = Object.keys(response.matchingRules?.body ?? {});
      const content = JSON.stringify(response.body?.content ?? {});
      if (
        (response.body?.content as { resourceType?: string } | undefined)?.resourceType ===
        "Consent"
      ) {
        for (const path of ["$.id", "$.meta.versionId", "$.meta.lastUpdated"])
          expect(rules, `${where}: ${path}`).toContain(path);
      }
      if (content.includes('"type":"history"') && content.includes('"entry"')) {
        expect(
          rules.some((rule) => rule.startsWith("$.entry")),
          `${where}: entries`,
        ).toBe(true);
        for (const path of [
          "$.entry[*].resource.id",
          "$.entry[*].resource.meta.versionId",
          "$.entry[*].fullUrl",
        ])
          expect(rules, `${where}: ${path}`).toContain(path);
      }
    }
  });
});

describe("provider verification with the Pact verifier", () => {
  it("verifies every interaction against the embedded sandbox", () => {
    const run = runBuiltCli(
      ["pact", "verify", "--pact", pactFile, "--reports-dir", reports],
      names,
    );
    expect(run.status, run.stdout.slice(-2000)).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`Pact verification against sandbox: ${pact.interactions.length} passed, 0 failed`),
    );
    expect(run.stdout).toContain("verification results were not published");
  });

  /** The interaction each fault mode breaks, by its fixture. */
  const broken: Record<string, RegExp> = {
    "accept-duplicate": /\(errors\/422-duplicate, step 2\)/,
    "create-without-location": /\(create\/201-new-patient, step 1\)/,
    "history-drops-version": /\(history\/200-instance, step 4\)/,
    "outcome-without-coding": /\(errors\/404-history-unknown-id, step 1\)/,
    "metadata-wrong-fhir-version": /\(capability\/200-capability-statement, step 1\)/,
    "json-when-xml-asked": /\[xml\]/,
    "skip-security-checks": /\(security\/400-missing-jwt, step 1\)/,
  };

  it.each(Object.entries(broken))(
    "fails against the sandbox with fault %s, on the interaction it breaks",
    async (fault, interaction) => {
      const run = await runBuiltCliAsync(
        ["pact", "verify", "--pact", pactFile, "--reports-dir", reports],
        { ...names, NDOP_SANDBOX_FAULTS: fault },
      );
      expect(run.status).toBe(1);
      const failed = run.stdout.split("\n").filter((line) => line.startsWith("  FAILED "));
      expect(
        failed.some((line) => interaction.test(line)),
        failed.join("\n"),
      ).toBe(true);
    },
  );

  it("refuses, with exit 2, to verify a pact that does not exist", () => {
    const run = runBuiltCli(["pact", "verify", "--pact", join(reports, "nope.json")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("No pact at");
  });

  it("puts the results in the Allure results as their own feature, filed under the consumer, each with its own interaction", () => {
    const results = join(reports, "allure-results");
    const files = readdirSync(results).filter((name) => name.endsWith("-result.json"));
    const pactResults = files
      .map((name) => JSON.parse(readFileSync(join(results, name), "utf8")))
      .filter((result) =>
        result.labels.some(
          (label: { name: string; value: string }) =>
            label.name === "feature" && label.value === "Pact contracts",
        ),
      );
    const story = (result: { labels: { name: string; value: string }[] }) =>
      result.labels.find((label) => label.name === "story")?.value;
    const verified = pactResults.filter((result) => story(result) === "gp-system");
    // One result per interaction (the fault runs above add more of the same names), and the contract.
    expect(new Set(verified.map((result) => result.name as string))).toEqual(
      new Set(pact.interactions.map((interaction) => interaction.description)),
    );
    expect(
      pactResults.filter((result) => story(result) !== "gp-system").map((result) => result.name),
    ).toEqual([`consumer contract: ${pact.interactions.length} interactions`]);
    // A failure attaches the interaction that failed and its mismatch, not the whole pact.
    const failed = verified.find((result) => result.status === "failed");
    const attachment = join(results, failed.attachments[0].source);
    const attached = JSON.parse(readFileSync(attachment, "utf8"));
    expect(attached.interaction).toEqual(
      pact.interactions.find((interaction) => interaction.description === failed.name),
    );
    expect(attached.mismatch).toBe(failed.statusDetails.message);
  });
});

describe("the Pact Broker (a recording stand-in: the real broker is a service users run)", () => {
  let broker: Awaited<ReturnType<typeof startRecordingBroker>>;
  beforeAll(async () => {
    broker = await startRecordingBroker(pactFile, { consumer: "gp-system", provider: "ndop-api" });
  });
  afterAll(() => broker.close());
  const brokerEnv = () => ({
    ...names,
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: "test-token",
    NDOP_PACT_VERSION: "1.2.3",
    NDOP_PACT_BRANCH: "main",
  });

  it("publishes the pacts with the official client: version, branch and contract, with the token", async () => {
    const run = await runBuiltCliAsync(["pact", "publish", "--pacts", pactsDir], brokerEnv());
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const publish = broker.requests.find(
      (request) => request.method === "POST" && request.url === "/contracts/publish",
    );
    expect(publish?.headers.authorization).toBe("Bearer test-token");
    const body = JSON.parse(publish?.body ?? "{}");
    expect(body).toMatchObject({
      pacticipantName: "gp-system",
      pacticipantVersionNumber: "1.2.3",
      branch: "main",
    });
    expect(body.contracts[0]).toMatchObject({
      consumerName: "gp-system",
      providerName: "ndop-api",
      specification: "pact",
      contentType: "application/json",
    });
    const sent = JSON.parse(
      Buffer.from(body.contracts[0].content, "base64").toString(),
    ) as PactFile;
    expect(sent.interactions.map((interaction) => interaction.description)).toEqual(
      pact.interactions.map((interaction) => interaction.description),
    );
  });

  it("verifies the broker's pacts and publishes the verification results", async () => {
    const run = await runBuiltCliAsync(["pact", "verify", "--reports-dir", reports], brokerEnv());
    expect(run.status, run.stdout.slice(-1500)).toBe(0);
    const fetched = broker.requests.find(
      (request) => request.method === "POST" && request.url.endsWith("/for-verification"),
    );
    expect(JSON.parse(fetched?.body ?? "{}").consumerVersionSelectors).toEqual([
      { mainBranch: true },
      { deployedOrReleased: true },
    ]);
    const results = broker.requests.find(
      (request) => request.method === "POST" && request.url.endsWith("/verification-results"),
    );
    const published = JSON.parse(results?.body ?? "{}");
    expect(published).toMatchObject({
      success: true,
      providerApplicationVersion: "1.2.3",
      verifiedBy: { implementation: expect.any(String) },
    });
    expect(
      broker.requests.some(
        (request) =>
          request.method === "PUT" &&
          request.url === "/pacticipants/ndop-api/branches/main/versions/1.2.3",
      ),
    ).toBe(true);
  });

  it("asks can-i-deploy for the release gate", async () => {
    const run = await runBuiltCliAsync(
      ["pact", "can-i-deploy", "--to-environment", "production"],
      brokerEnv(),
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const matrix = broker.requests.find((request) => request.url.startsWith("/matrix"));
    expect(decodeURIComponent(matrix?.url ?? "")).toContain(
      "q[][pacticipant]=gp-system&q[][version]=1.2.3",
    );
    expect(decodeURIComponent(matrix?.url ?? "")).toContain("environment=production");
  });

  it("says publishing is skipped when no broker is configured", () => {
    const run = runBuiltCli(["pact", "publish", "--pacts", pactsDir], names);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "No Pact Broker configured (PACT_BROKER_BASE_URL): publishing skipped",
    );
  });
});
