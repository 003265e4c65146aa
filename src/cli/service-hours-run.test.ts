import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTestPki } from "../sandbox/index.js";
import { runBuiltCliAsync } from "../testing/index.js";

/**
 * Issue 16 point 4: `--env int` pointed at a loopback stand-in that is "down" (its /metadata
 * answers, everything else 503), judged at fixed clocks through NDOP_CLOCK.
 */
const folder = mkdtempSync(join(tmpdir(), "ndop-hours-"));
const SATURDAY_NOON = "2026-11-28T12:00:00Z";
const WEDNESDAY_NOON = "2026-11-25T12:00:00Z";
let server: Server;
let baseUrl: string;
let env: Record<string, string>;

beforeAll(async () => {
  const pki = generateTestPki(["127.0.0.1"]);
  writeFileSync(join(folder, "client.pem"), pki.clientCert);
  writeFileSync(join(folder, "client.key"), pki.clientKey);
  env = {
    NDOP_CLIENT_CERT: join(folder, "client.pem"),
    NDOP_CLIENT_KEY: join(folder, "client.key"),
    NDOP_CLIENT_ASID: "200000000001",
    NDOP_PROVIDER_ASID: "999999999999",
    NDOP_PATIENTS: "9990000018,9990000026",
    NDOP_RETRIES: "0",
  };
  server = createServer((request, response) => {
    if ((request.url ?? "").endsWith("/metadata"))
      return response
        .writeHead(200, { "Content-Type": "application/fhir+json" })
        .end('{"resourceType":"CapabilityStatement"}');
    response.writeHead(503, { "Content-Type": "text/plain" }).end("down for maintenance");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/STU3`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

// Each run gets its own reports folder: two runs at once into one folder would clear each
// other's Allure results.
let runs = 0;
const run = (clock: string, target: string, ...extra: string[]) =>
  runBuiltCliAsync(
    [
      "run",
      "--env",
      "int",
      "--base-url",
      target,
      "--fixture",
      "errors/405-*",
      "--format",
      "json",
    ].concat(["--reports-dir", join(folder, `reports-${++runs}`), ...extra]),
    { ...env, NDOP_CLOCK: clock },
  );

const WARNING =
  "ndop-conformance: warning: int is outside its service hours (it is Saturday in the UK; supported 08:00 to 18:00 UK time, Monday to Friday, except bank holidays in England and Wales).";

describe("service hours", () => {
  it("outside them: a warning, and 5xx answers are environment unavailable (exit 2)", async () => {
    const closed = await run(SATURDAY_NOON, baseUrl);
    expect(closed.stdout.split("\n")[0]).toBe(
      `${WARNING} Failures to connect, timeouts and 5xx answers will be reported as environment unavailable, not judged (--ignore-service-hours judges them).`,
    );
    expect(closed.status, closed.stdout + closed.stderr).toBe(2);
    expect(closed.stderr).toBe(
      "ndop-conformance: int: environment unavailable (outside service hours: it is Saturday in the UK): 1 check(s) got no answer, timed out or got a 5xx answer; nothing was judged (exit 2; --ignore-service-hours judges them).\n",
    );
  });

  it("outside them, an unreachable target is environment unavailable at preflight", async () => {
    const closedPort = `http://127.0.0.1:9/STU3`;
    const closed = await run(SATURDAY_NOON, closedPort);
    expect(closed.status).toBe(2);
    expect(closed.stderr).toMatch(
      /^ndop-conformance: int: environment unavailable \(outside service hours: it is Saturday in the UK\): Cannot reach int at http:\/\/127\.0\.0\.1:9\/STU3: .*ECONNREFUSED/,
    );
  });

  it("within them, or with --ignore-service-hours, a 5xx is judged: a failure (exit 1)", async () => {
    const [open, ignored] = await Promise.all([
      run(WEDNESDAY_NOON, baseUrl),
      run(SATURDAY_NOON, baseUrl, "--ignore-service-hours"),
    ]);
    for (const judged of [open, ignored]) {
      expect(judged.status, judged.stdout + judged.stderr).toBe(1);
      expect(judged.stdout).not.toContain("service hours");
      expect(judged.stderr).toBe("");
      // The run starts at a random pool patient (parallel safety), so either may be named.
      expect(judged.stdout).toMatch(
        /^ {2}BLOCKED errors\/405-create-with-id \[json\]: choosing a test patient: the patient history of 99900000(18|26) answered HTTP 503,/m,
      );
      expect(judged.stdout).toContain("0 passed, 0 warnings, 0 failed, 1 blocked, 0 skipped");
    }
  });

  it("refuses an NDOP_CLOCK that is not an ISO date-time with a zone", async () => {
    const bad = await run("tomorrow", baseUrl);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'ndop-conformance: NDOP_CLOCK "tomorrow" is not an ISO date-time with a zone (for example 2026-11-28T12:00:00Z).\n',
    );
  });
});
