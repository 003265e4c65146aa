import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuiltCli, runBuiltCliAsync } from "../testing/index.js";

/** Issue 16: focused runs, `list`, `--dry-run` and the quiet terminal, through the built CLI. */
const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

/** A loopback server that answers nothing useful and counts every request it gets. */
async function countingServer(): Promise<{ baseUrl: string; requests: () => number }> {
  let count = 0;
  const server = createServer((_request, response) => {
    count++;
    response.writeHead(503).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/STU3`, requests: () => count };
}

const checkIds = (reportsDir: string): string[] =>
  (
    JSON.parse(readFileSync(join(reportsDir, "summary.json"), "utf8")) as {
      checks: { checkId: string }[];
    }
  ).checks
    .map((check) => check.checkId)
    .sort();

describe("focused runs", () => {
  it("--fixture takes globs and repeats; only those checks run", async () => {
    const reports = temporary("ndop-focus-");
    const run = await runBuiltCliAsync([
      "run",
      "--fixture",
      "create/*",
      "--fixture",
      "vread/200-*",
      "--format",
      "json",
      "--reports-dir",
      reports,
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "ndop-conformance: 4 fixtures, json, against the embedded sandbox",
    );
    expect(checkIds(reports)).toEqual([
      "create/201-new-patient [json]",
      "create/201-proxy [json]",
      "vread/200-each-version [json]",
      "vread/200-proxy-as-sent [json]",
    ]);
  });

  it("--grep and --requirement narrow together", async () => {
    const reports = temporary("ndop-focus-");
    const run = await runBuiltCliAsync([
      "run",
      "--requirement",
      "ndop-create-06",
      "--grep",
      "proxy",
      "--reports-dir",
      reports,
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(checkIds(reports)).toEqual(["create/201-proxy [json]", "create/201-proxy [xml]"]);
  });

  it("refuses a selection that matches nothing, and a selection on baseline", () => {
    const none = runBuiltCli(["run", "--fixture", "create/nope*", "--requirement", "ndop-nope-99"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      "ndop-conformance: The settings have 2 problems:\n- --fixture create/nope* matches no fixture.\n- --requirement ndop-nope-99 is not a requirement key (suites/requirements.csv).\n",
    );
    const baseline = runBuiltCli(["baseline", "--out", "x.json", "--grep", "create"]);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toBe(
      "ndop-conformance: --fixture, --grep and --requirement cannot be used with baseline: a baseline records the whole run.\n",
    );
  });
});

describe("list", () => {
  it("lists checks with requirements and levels, and what prod without confirmation skips", () => {
    const run = runBuiltCli([
      "list",
      "--env",
      "prod",
      "--fixture",
      "create/201-proxy",
      "--format",
      "json",
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      "create/201-proxy [json]  SHALL  ndop-create-06, ndop-rule-01  SKIPPED: it writes, and writes to production are not confirmed (NDOP_ALLOW_PRODUCTION_WRITES)\n1 checks on prod: 0 would run, 1 would be skipped.\n",
    );
    const sandbox = runBuiltCli(["list", "--suite", "capability"]);
    expect(sandbox.stdout).toBe(
      "capability/200-capability-statement [json]  SHALL  ndop-meta-01\ncapability/200-capability-statement [xml]  SHALL  ndop-meta-01\n2 checks on sandbox: 2 would run, 0 would be skipped.\n",
    );
  });
});

describe("--dry-run", () => {
  it("shows settings (redacted), checks and patients, and sends nothing", async () => {
    const target = await countingServer();
    const run = await runBuiltCliAsync(
      [
        "run",
        "--env",
        "custom",
        "--base-url",
        target.baseUrl,
        "--fixture",
        "create/201-proxy",
        "--dry-run",
      ],
      {
        NDOP_CLIENT_KEY_PASSPHRASE: "hunter2-passphrase",
        NDOP_PATIENTS: "9990000018,9990000026",
      },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(target.requests()).toBe(0);
    expect(run.stdout).toContain("ndop-conformance: dry run: preflight passed; nothing was sent.");
    expect(run.stdout).toContain(`  base URL: ${target.baseUrl}\n`);
    expect(run.stdout).toContain("key passphrase: set (redacted)");
    expect(run.stdout).not.toContain("hunter2");
    expect(run.stdout).toContain(
      "Checks: 2 (1 fixtures)\n  create/201-proxy [json]\n  create/201-proxy [xml]\nPatients: 2 in the pool: 9990000018, 9990000026\n  2 check(s) each draw one patient without a Consent from it.\n",
    );
  });
});

describe("the quiet terminal", () => {
  it("prints one line per failure and the counts, no vitest frames; --verbose brings vitest back", async () => {
    const faults = { NDOP_SANDBOX_FAULTS: "create-returns-200" };
    // Two runs at once, each with its own reports folder (one would clear the other's results).
    const args = () => [
      "run",
      "--fixture",
      "create/201-new-patient",
      "--reports-dir",
      temporary("ndop-quiet-"),
    ];
    const [quiet, verbose] = await Promise.all([
      runBuiltCliAsync(args(), faults),
      runBuiltCliAsync([...args(), "--verbose"], faults),
    ]);
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).toBe(
      [
        "ndop-conformance: 1 fixtures, json and xml, against the embedded sandbox",
        "  FAILED create/201-new-patient [json]: create a Consent: expected HTTP 201, got 200",
        "  FAILED create/201-new-patient [xml]: create a Consent: expected HTTP 201, got 200",
        "0 passed, 0 warnings, 2 failed, 0 blocked, 0 skipped",
        "Test patients: 0 consumed (free patients not counted: no NDOP_PATIENTS pool, or the embedded sandbox).",
        "",
      ].join("\n"),
    );
    expect(verbose.status).toBe(1);
    expect(quiet.stderr).toBe("");
    expect(verbose.stdout + verbose.stderr).toContain("AssertionError");
    expect(verbose.stdout).toMatch(/Test Files {2}1 failed/);
  });
});

describe("baseline", () => {
  it("writes reasons without the run's ids, so two recordings read the same", async () => {
    const folder = temporary("ndop-stable-");
    const record = (name: string) =>
      runBuiltCliAsync(
        ["baseline", "--out", join(folder, name), "--suite", "errors", "--format", "json"].concat([
          "--reports-dir",
          join(folder, name.replace(".json", "")),
        ]),
        { NDOP_SANDBOX_FAULTS: "errors-as-500" },
      );
    const [first, second] = await Promise.all([record("a.json"), record("b.json")]);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    const reasons = (name: string) =>
      (
        JSON.parse(readFileSync(join(folder, name), "utf8")) as {
          knownFailures: { checkId: string; reason: string }[];
        }
      ).knownFailures;
    expect(reasons("a.json")).toEqual(reasons("b.json"));
    expect(
      reasons("a.json").find((entry) => entry.checkId === "errors/404-history-unknown-id [json]")
        ?.reason,
    ).toBe("failing when recorded: step 1: GET /Consent/<id>/_history: expected HTTP 404, got 500");
  });
});
