import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateTestPki } from "../sandbox/index.js";
import {
  expectedSandboxRun,
  runBuiltCli,
  runBuiltCliAsync,
  type SandboxProcess,
  spawnSandbox,
} from "../testing/index.js";

const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const running: SandboxProcess[] = [];
afterAll(() => {
  for (const sandbox of running) sandbox.child.kill("SIGKILL");
});

describe("ndop-conformance run against the embedded sandbox", () => {
  it("runs every suite in both formats, exits 0 and prints and writes a summary", () => {
    const reports = temporary("ndop-reports-");
    const run = runBuiltCli(["run", "--reports-dir", reports]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout, run.stdout.slice(-3000)).toMatch(
      /^(\d+) passed, 0 warnings, 0 failed, 0 blocked, 0 skipped$/m,
    );
    const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8"));
    const states = Object.fromEntries(
      (summary.checks as { checkId: string; state: string }[]).map((c) => [c.checkId, c.state]),
    );
    expect(states).toEqual(expectedSandboxRun());
    expect(summary.counts.total).toBe(Object.keys(expectedSandboxRun()).length);
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
      `**${summary.counts.passed} passed, 0 warnings, 0 failed, 0 blocked, 0 skipped**`,
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
    // Each fixture step is an Allure step; allure-vitest files each attachment as a step of its own.
    type Step = { attachments: unknown[]; steps?: Step[] };
    const within = (step: Step): unknown[] => [
      ...step.attachments,
      ...(step.steps ?? []).flatMap(within),
    ];
    const attachments = within(result) as { source: string }[];
    expect(attachments.length, "the recorded exchange of the first result").not.toBe(0);
    // Which result is listed first is chance, and some checks send no Authorization on purpose:
    // every recorded exchange must show the credential redacted, and most send one.
    const exchanges = allure
      .filter((name) => name.endsWith("-attachment.txt"))
      .map((name) => readFileSync(join(reports, "allure-results", name), "utf8"))
      .filter((text) => / HTTP\/1\.1\n/.test(text));
    expect(
      exchanges.some((text) => text.includes("\nAuthorization: Bearer [redacted]\n")),
      "some recorded exchange carries the redacted credential",
    ).toBe(true);
    expect(exchanges.filter((text) => /Authorization: Bearer (?!\[redacted\])/.test(text))).toEqual(
      [],
    );
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
    expect(run.stdout).toMatch(/^2 passed, 0 warnings, 0 failed, 0 blocked, 0 skipped$/m);
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
    expect(run.stdout).toMatch(/^\d+ passed, 0 warnings, 0 failed, 0 blocked, 0 skipped$/m);
    expect(server.output.some((line) => /POST \/STU3\/Consent 201/.test(line))).toBe(true);
  });
});

describe("safety: production", () => {
  // Writes refused, reads kept, for every command and by env or host: src/cli/production-guard.test.ts.
  it("refuses a confirmation that is not the exact sentence, with exit 2, before anything is sent", async () => {
    const server = await spawnSandbox([]);
    running.push(server);
    const pki = generateTestPki();
    const folder = temporary("ndop-prod-");
    writeFileSync(join(folder, "client.pem"), pki.clientCert);
    writeFileSync(join(folder, "client.key"), pki.clientKey);
    const refused = runBuiltCli(["run", "--env", "prod", "--base-url", server.baseUrl], {
      NDOP_CLIENT_CERT: join(folder, "client.pem"),
      NDOP_CLIENT_KEY: join(folder, "client.key"),
      NDOP_CLIENT_ASID: "200000000001",
      NDOP_PROVIDER_ASID: "999999999999",
      NDOP_PATIENTS: "9990000018",
      NDOP_ALLOW_PRODUCTION_WRITES: "yes please",
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr.trimEnd()).toBe(
      "ndop-conformance: NDOP_ALLOW_PRODUCTION_WRITES does not match the confirmation sentence in the README, so it is refused.",
    );
    expect(server.output.filter((line) => / (GET|POST|PUT) \/STU3/.test(line))).toEqual([]);
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
    // Quiet output: one line per failure, marked known or new under a baseline.
    expect(known.stdout).toMatch(
      /^ {2}FAILED capability\/200-capability-statement \[json\]: .+ \(known\)$/m,
    );

    const worse = runBuiltCli(
      ["run", "--baseline", baseline, "--suite", "capability,security", "--reports-dir", folder],
      { NDOP_SANDBOX_FAULTS: "metadata-update-create,skip-security-checks" },
    );
    expect(worse.status).toBe(1);
    expect(worse.stdout).toMatch(
      /^ {2}FAILED security\/400-missing-jwt \[json\]: .+ \(new failure\)$/m,
    );

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
