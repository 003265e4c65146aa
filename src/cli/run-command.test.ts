import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FAULTS, type FaultName, generateTestPki } from "../sandbox/index.js";
import {
  runBuiltCli,
  runBuiltCliAsync,
  type SandboxProcess,
  spawnSandbox,
} from "../testing/index.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const running: SandboxProcess[] = [];
afterAll(() => {
  for (const sandbox of running) sandbox.child.kill("SIGKILL");
});

/** What each fault mode breaks, as the failures must name it. */
const NAMED: Record<FaultName, RegExp> = {
  "create-returns-200": /create\/201-new-patient.*expected HTTP 201, got 200/,
  "create-without-location": /Location \(missing\) does not name a version/,
  "create-without-etag": /ETag \(missing\) is not W\/"\[vid\]"/,
  "location-without-version": /Location \S+ does not name a version/,
  "accept-client-id": /405-create-with-id.*expected HTTP 405, got 201/,
  "accept-duplicate": /422-duplicate.*expected HTTP 422, got 201/,
  "accept-invalid-nhs-number": /422-invalid-nhs-number.*expected HTTP 422, got 201/,
  "accept-consenter-and-proxy": /422-consenter-and-proxy.*expected HTTP 422, got 201/,
  "accept-any-status": /422-status-proposed.*expected HTTP 422, got 201/,
  "accept-date-without-time": /422-date-without-time.*expected HTTP 422, got 201/,
  "accept-wrong-purpose": /422-purpose-https-system.*expected HTTP 422, got 201/,
  "update-unknown-creates": /update-unknown-id.*expected HTTP 404, got 201/,
  "update-ignores-id-mismatch": /400-update-id-mismatch.*expected HTTP 400, got 200/,
  "update-ignores-if-match": /412-stale-if-match.*expected HTTP 412, got 200/,
  "update-reuses-version-id": /kept version id|bdl-7/,
  "update-changes-id": /not the URL's id .* \(ids are immutable\)/,
  "history-drops-version":
    /history lists versions .* one entry per version, newest first|lacks version/,
  "history-oldest-first": /newest first/,
  "history-wrong-bundle-type": /the Bundle's type is searchset, not history/,
  "history-404-when-empty": /history.*answered HTTP 404|expected HTTP 200, got 404/,
  "vread-returns-current": /vread answered version \S+, not /,
  "json-when-xml-asked":
    /Content-Type application\/fhir\+json does not follow the request: xml was asked for/,
  "ignores-format-parameter":
    /format-json-overrides-accept.*does not follow the request: json was asked for/,
  "content-type-plain-json":
    /Content-Type application\/json is not one of the four FHIR media types/,
  "outcome-without-coding":
    /not valid against Spine-OperationOutcome-1: OperationOutcome\.issue\[0\]\.details/,
  "outcome-wrong-code-system":
    /not valid against Spine-OperationOutcome-1: OperationOutcome\.issue\[0\]\.details.*operation-outcome/,
  "errors-as-500": /got 500/,
  "consent-without-profile": /Consent\.meta\.profile: An NDOP Consent must declare meta\.profile/,
  "consent-without-last-updated": /lacks meta\.lastUpdated/,
  "metadata-wrong-fhir-version": /fhirVersion 4\.0\.1, not 3\.0\.1/,
  "metadata-update-create": /lacks updateCreate false/,
  "skip-security-checks": /security\/.*expected HTTP 400, got 200/,
  "xml-without-namespace": /not in the FHIR namespace/,
};

describe("ndop-conformance run against the embedded sandbox", () => {
  it("runs every suite in both formats, exits 0 and prints and writes a summary", () => {
    const reports = temporary("ndop-reports-");
    const run = runBuiltCli(["run", "--reports-dir", reports]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^(\d+) passed, 0 failed, 0 skipped$/m);
    const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8"));
    expect(summary.counts.total).toBeGreaterThanOrEqual(70);
    expect(summary.counts.passed).toBe(summary.counts.total);
    expect(Object.keys(summary.suites).sort()).toEqual([
      "capability",
      "create",
      "errors",
      "history",
      "journey",
      "negotiation",
      "security",
      "update",
      "vread",
    ]);
    expect(readFileSync(join(reports, "summary.md"), "utf8")).toContain(
      `**${summary.counts.passed} passed, 0 failed, 0 skipped**`,
    );
    expect(readFileSync(join(reports, "junit.xml"), "utf8")).toMatch(
      /<testsuites [^>]*tests="\d+" failures="0"/,
    );
    const allure = readdirSync(join(reports, "allure-results"));
    expect(allure.filter((name) => name.endsWith("-result.json")).length).toBe(
      summary.counts.total,
    );
    expect(allure).toContain("environment.properties");
    const result = JSON.parse(
      readFileSync(
        join(
          reports,
          "allure-results",
          allure.find((name) => name.endsWith("-result.json")) as string,
        ),
        "utf8",
      ),
    );
    expect(result.labels.map((label: { name: string }) => label.name)).toEqual(
      expect.arrayContaining(["epic", "feature", "story", "severity", "requirement"]),
    );
    // allure-vitest files each attachment as a step of its own.
    const attachments = [
      ...result.attachments,
      ...result.steps.flatMap((step: { attachments: unknown[] }) => step.attachments),
    ] as { source: string }[];
    expect(attachments.length).toBeGreaterThan(0);
    const attachment = readFileSync(
      join(reports, "allure-results", (attachments[0] as { source: string }).source),
      "utf8",
    );
    expect(attachment).toContain('"Authorization": "Bearer [redacted]"');
  });

  it("runs one suite in one format when asked", () => {
    const run = runBuiltCli([
      "run",
      "--suite",
      "capability,journey",
      "--format",
      "xml",
      "--reports-dir",
      temporary("ndop-reports-"),
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
  });

  it("holds against a separate server with other id and version schemes (custom environment)", async () => {
    const server = await spawnSandbox(["--id-scheme", "sequence"]);
    running.push(server);
    const run = await runBuiltCliAsync([
      "run",
      "--env",
      "custom",
      "--base-url",
      server.baseUrl,
      "--reports-dir",
      temporary("ndop-reports-"),
    ]);
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
    expect(server.output.some((line) => /POST \/STU3\/Consent 201/.test(line))).toBe(true);
  });
});

describe("every sandbox fault mode makes the run fail, naming the broken behaviour", () => {
  const faults = Object.keys(FAULTS) as FaultName[];
  it("has a named expectation for every fault mode", () => {
    expect(Object.keys(NAMED).sort()).toEqual([...faults].sort());
  });

  it("kills all of them", async () => {
    const outcomes = new Map<FaultName, { status: number | null; failures: string[] }>();
    const queue = [...faults];
    const worker = async () => {
      for (let fault = queue.shift(); fault !== undefined; fault = queue.shift()) {
        const run = await runBuiltCliAsync(["run", "--reports-dir", temporary("ndop-fault-")], {
          NDOP_SANDBOX_FAULTS: fault,
        });
        outcomes.set(fault, {
          status: run.status,
          failures: run.stdout.split("\n").filter((line) => line.includes("FAILED ")),
        });
      }
    };
    await Promise.all([worker(), worker()]);
    const survivors = faults.filter((fault) => outcomes.get(fault)?.status !== 1);
    expect(survivors, "fault modes the run did not catch (exit code other than 1)").toEqual([]);
    const unnamed = faults.filter(
      (fault) => !outcomes.get(fault)?.failures.some((line) => NAMED[fault].test(line)),
    );
    expect(
      unnamed.map((fault) => `${fault}: ${outcomes.get(fault)?.failures[0] ?? "no failure"}`),
      "failures that do not name the broken behaviour",
    ).toEqual([]);
  }, 600_000);
});

describe("safety: production", () => {
  it("runs only read-only checks against prod unless writes are confirmed, and sends no write", async () => {
    const server = await spawnSandbox([]);
    running.push(server);
    const pki = generateTestPki();
    const folder = temporary("ndop-prod-");
    writeFileSync(join(folder, "client.pem"), pki.clientCert);
    writeFileSync(join(folder, "client.key"), pki.clientKey);
    const env = {
      NDOP_CLIENT_CERT: join(folder, "client.pem"),
      NDOP_CLIENT_KEY: join(folder, "client.key"),
      NDOP_CLIENT_ASID: "200000000001",
      NDOP_PROVIDER_ASID: "999999999999",
      NDOP_PATIENTS: "9990000018,9990000026,9990000034,9990000042,9990000050,9990000069",
    };
    // A loopback stand-in for Production: the base URL is overridden, the environment's rules are prod's.
    const run = await runBuiltCliAsync(
      ["run", "--env", "prod", "--base-url", server.baseUrl, "--reports-dir", folder],
      env,
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "production writes are not confirmed, so only read-only checks run",
    );
    const summary = JSON.parse(readFileSync(join(folder, "summary.json"), "utf8"));
    expect(summary.counts.passed).toBeGreaterThan(0);
    expect(summary.counts.skipped).toBeGreaterThan(0);
    expect(
      summary.checks
        .filter((check: { state: string }) => check.state === "skipped")
        .every((check: { skipReason: string }) =>
          /writes to production are not confirmed/.test(check.skipReason),
        ),
    ).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output.filter((line) => / (POST|PUT) /.test(line))).toEqual([]);

    const refused = runBuiltCli(["run", "--env", "prod", "--base-url", server.baseUrl], {
      ...env,
      NDOP_ALLOW_PRODUCTION_WRITES: "yes please",
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      "NDOP_ALLOW_PRODUCTION_WRITES does not match the confirmation sentence in the README",
    );
  });
});

describe("the regression gate", () => {
  it("records a baseline, passes known failures with their reason, fails new ones and reports fixed ones", () => {
    const folder = temporary("ndop-baseline-");
    const baseline = join(folder, "baseline.json");
    const recorded = runBuiltCli(
      ["baseline", "--out", baseline, "--suite", "capability", "--reports-dir", folder],
      { NDOP_SANDBOX_FAULTS: "metadata-update-create" },
    );
    expect(recorded.status).toBe(0);
    const written = JSON.parse(readFileSync(baseline, "utf8"));
    expect(written.knownFailures.map((entry: { checkId: string }) => entry.checkId)).toEqual([
      "capability/200-capability-statement [json]",
      "capability/200-capability-statement [xml]",
    ]);

    const known = runBuiltCli(
      ["run", "--baseline", baseline, "--suite", "capability", "--reports-dir", folder],
      { NDOP_SANDBOX_FAULTS: "metadata-update-create" },
    );
    expect(known.status).toBe(0);
    expect(known.stdout).toContain("Regression gate: passed (no new failures).");
    expect(known.stdout).toContain(
      "known failure: capability/200-capability-statement [json] (failing when recorded:",
    );

    const worse = runBuiltCli(
      ["run", "--baseline", baseline, "--suite", "capability,security", "--reports-dir", folder],
      { NDOP_SANDBOX_FAULTS: "metadata-update-create,skip-security-checks" },
    );
    expect(worse.status).toBe(1);
    expect(worse.stdout).toContain("new failure: security/400-missing-jwt [json]");

    const better = runBuiltCli([
      "run",
      "--baseline",
      baseline,
      "--suite",
      "capability",
      "--reports-dir",
      folder,
    ]);
    expect(better.status).toBe(0);
    expect(better.stdout).toContain(
      "fixed, remove from the baseline's knownFailures: capability/200-capability-statement [json]",
    );
  });

  it("refuses a baseline that is not one, with exit 2", () => {
    const file = join(temporary("ndop-baseline-"), "broken.json");
    writeFileSync(file, '{"checks": {}}');
    const run = runBuiltCli(["run", "--baseline", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a baseline: it needs "checks" and "knownFailures"');
  });
});

describe("bad settings and bad fixtures: one clear message each, exit 2", () => {
  const refused = (args: string[], env: NodeJS.ProcessEnv, message: RegExp) => {
    const run = runBuiltCli(args, env);
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it("an unknown environment (flag)", () =>
    refused(
      ["run", "--env", "staging"],
      {},
      /argument 'staging' is invalid. Allowed choices are sandbox, dev, int, dep, prod, custom/,
    ));
  it("an unknown environment (setting)", () =>
    refused(
      ["run"],
      { NDOP_ENV: "staging" },
      /NDOP_ENV \(--env\) "staging" is not an environment/,
    ));
  it("a missing certificate file", () =>
    refused(
      ["run", "--env", "custom", "--base-url", "https://127.0.0.1:9/STU3"],
      { NDOP_CLIENT_CERT: "/nonexistent/client.pem", NDOP_CLIENT_KEY: "/nonexistent/client.key" },
      /NDOP_CLIENT_CERT names \/nonexistent\/client\.pem, which does not exist\./,
    ));
  it("an unreachable host", () =>
    refused(
      ["run", "--env", "custom", "--base-url", "http://127.0.0.1:9/STU3"],
      { NDOP_TIMEOUT_MS: "2000" },
      /Cannot reach custom at http:\/\/127\.0\.0\.1:9\/STU3: .*ECONNREFUSED/,
    ));
  it("a non-synthetic test patient outside the sandbox", () =>
    refused(
      ["run", "--env", "custom", "--base-url", "http://127.0.0.1:9/STU3"],
      { NDOP_PATIENTS: "9000000009" },
      /NDOP_PATIENTS: 9000000009 is outside the synthetic 999 range/,
    ));
  it("an unknown fault mode", () =>
    refused(
      ["run"],
      { NDOP_SANDBOX_FAULTS: "gremlins" },
      /NDOP_SANDBOX_FAULTS: "gremlins" is not a fault mode/,
    ));

  describe("fixtures", () => {
    const withBrokenFixture = (name: string, write: (path: string) => void) => {
      const folder = temporary("ndop-fixtures-");
      cpSync(FIXTURES, folder, { recursive: true });
      write(join(folder, "create", name));
      return folder;
    };

    it("an unreadable fixture names the file", () => {
      const folder = withBrokenFixture("unreadable.json", (path) => mkdirSync(path));
      refused(
        ["run"],
        { NDOP_FIXTURES_DIR: folder },
        /create\/unreadable\.json: cannot be read \(EISDIR\)/,
      );
    });

    it("a fixture missing a field names the file and the field", () => {
      const folder = withBrokenFixture("no-steps.json", (path) =>
        writeFileSync(
          path,
          JSON.stringify({
            title: "a case with no steps at all",
            requirements: ["ndop-create-01"],
          }),
        ),
      );
      refused(["run"], { NDOP_FIXTURES_DIR: folder }, /create\/no-steps\.json: field steps: /);
    });

    it("a fixture that is not JSON names the file", () => {
      const folder = withBrokenFixture("not-json.json", (path) =>
        writeFileSync(path, "{ title: oops"),
      );
      refused(["run"], { NDOP_FIXTURES_DIR: folder }, /create\/not-json\.json: is not valid JSON/);
    });

    it("a fixture naming a template that does not exist", () => {
      const folder = withBrokenFixture("bad-template.json", (path) =>
        writeFileSync(
          path,
          JSON.stringify({
            title: "a case with a missing template",
            requirements: ["ndop-create-01"],
            steps: [
              {
                interaction: "create",
                method: "POST",
                path: "/Consent",
                body: { template: "nope" },
                expect: { status: 201 },
              },
            ],
          }),
        ),
      );
      refused(
        ["run"],
        { NDOP_FIXTURES_DIR: folder },
        /bad-template\.json: field steps\.0\.body\.template: no template fixtures\/templates\/nope\.json/,
      );
    });

    it("an added fixture file is a new check (adding a case is adding a file)", () => {
      const folder = withBrokenFixture("201-extra.json", (path) =>
        writeFileSync(
          path,
          JSON.stringify({
            title: "creates one more Consent, from a new file",
            requirements: ["ndop-create-01"],
            steps: [
              {
                interaction: "create",
                method: "POST",
                path: "/Consent",
                body: { template: "consent" },
                expect: { status: 201, resource: "Consent" },
              },
            ],
          }),
        ),
      );
      const run = runBuiltCli(["run", "--suite", "create", "--reports-dir", folder], {
        NDOP_FIXTURES_DIR: folder,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^6 passed, 0 failed, 0 skipped$/m);
      expect(existsSync(join(folder, "summary.json"))).toBe(true);
    });
  });
});
