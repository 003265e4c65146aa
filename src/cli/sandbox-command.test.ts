import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { describe, expect, it, vi } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import { DEFAULT_SETTINGS, FAULTS } from "../sandbox/index.js";
import {
  expectedCounts,
  runBuiltCli,
  type SandboxProcess,
  spawnSandbox,
} from "../testing/index.js";

const headers = () => ({
  Accept: "application/fhir+json",
  ...buildSpineHeaders(SANDBOX_IDENTITY, DEFAULT_SETTINGS.interactionIds.capabilities),
});

describe("ndop-conformance sandbox", () => {
  it("--list-faults prints every fault mode with a one-line description", () => {
    const run = runBuiltCli(["sandbox", "--list-faults"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(Object.keys(FAULTS).length);
    expect(lines).toHaveLength(expectedCounts().faultModes);
    expect(run.stdout).toMatch(
      /^create-returns-200 +ndop-create-01 +create answers 200 OK instead of 201 Created$/m,
    );
  });

  it.each([
    [["--fault", "nope"], /Unknown fault mode "nope"; --list-faults shows them/],
    [["--store", "postgres://x"], /Unknown store "postgres:\/\/x"/],
    [["--port", "70000"], /--port takes a port number from 0 to 65535/],
    [
      ["--tls-key", "/nonexistent.pem", "--tls-cert", "/nonexistent.pem"],
      /--tls-key \/nonexistent.pem cannot be read/,
    ],
    [["--tls-client-ca", "ca.pem"], /--tls-client-ca needs --tls-key and --tls-cert/],
  ])("refuses %j with exit 2 and a clear message", (args, message) => {
    const run = runBuiltCli(["sandbox", ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("serves on loopback, logs one line per request and stops cleanly on SIGTERM", async () => {
    const sandbox = await spawnSandbox([]);
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/STU3$/);
    const response = await request(`${sandbox.baseUrl}/metadata`, { headers: headers() });
    await response.body.dump();
    expect(response.statusCode).toBe(200);
    // The log line is written after the answer is sent: poll for it, with a deadline.
    expect(await outputLine(sandbox, / GET \/STU3\/metadata 200 \d+\.\dms$/)).toMatch(
      / GET \/STU3\/metadata 200 \d+\.\dms$/,
    );
    sandbox.child.kill("SIGTERM");
    expect(await sandbox.exited).toBe(0);
    expect(sandbox.output.at(-1)).toBe("NDOP sandbox stopped (SIGTERM).");
  });

  it("--admin prints the admin token, and the admin routes take it (and nothing else)", async () => {
    const sandbox = await spawnSandbox(["--admin"]);
    try {
      const line = await outputLine(sandbox, /^Admin routes /);
      const token = /Authorization: Bearer (\S+) and Content-Type: application\/json\.$/.exec(
        line,
      )?.[1];
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const reset = (authorization: string) =>
        request(`${sandbox.baseUrl}/_admin/reset`, {
          method: "POST",
          headers: { Authorization: authorization, "Content-Type": "application/json" },
        });
      const refused = await reset("Bearer wrong");
      await refused.body.dump();
      expect(refused.statusCode).toBe(403);
      const accepted = await reset(`Bearer ${token}`);
      await accepted.body.dump();
      expect(accepted.statusCode).toBe(204);
    } finally {
      sandbox.child.kill("SIGTERM");
      await sandbox.exited;
    }
  });

  it("warns when --host is not a loopback address, and not when it is", async () => {
    const exposed = await spawnSandbox(["--host", "0.0.0.0", "--admin"]);
    try {
      expect(await outputLine(exposed, /^Warning: /)).toBe(
        "Warning: --host 0.0.0.0 is not a loopback address: other machines can reach this sandbox, its test data and its admin routes.",
      );
    } finally {
      exposed.child.kill("SIGTERM");
      await exposed.exited;
    }
    const local = await spawnSandbox(["--host", "127.0.0.1", "--admin"]);
    await outputLine(local, /^Admin routes /);
    local.child.kill("SIGTERM");
    await local.exited;
    expect(local.output.filter((line) => line.startsWith("Warning"))).toEqual([]);
  });

  it("refuses a --public-base-url that is not an http(s) URL with exit 2", () => {
    const run = runBuiltCli(["sandbox", "--port", "0", "--public-base-url", "not a url"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/The public base URL must be an absolute http\(s\) URL/);
  });

  it("--tls-generate writes a test CA and certificates and serves mutual TLS with them", async () => {
    const directory = mkdtempSync(join(tmpdir(), "ndop-pki-"));
    const sandbox = await spawnSandbox(["--tls-generate", directory]);
    try {
      for (const file of [
        "ca.pem",
        "server-key.pem",
        "server-cert.pem",
        "client-key.pem",
        "client-cert.pem",
      ])
        expect(existsSync(join(directory, file))).toBe(true);
      const pem = (file: string) => readFileSync(join(directory, file), "utf8");
      const dispatcher = new Agent({
        connect: { ca: pem("ca.pem"), cert: pem("client-cert.pem"), key: pem("client-key.pem") },
      });
      const response = await request(`${sandbox.baseUrl}/metadata`, {
        dispatcher,
        headers: headers(),
      });
      await response.body.dump();
      await dispatcher.close();
      expect(sandbox.baseUrl).toMatch(/^https:/);
      expect(response.statusCode).toBe(200);
    } finally {
      sandbox.child.kill("SIGTERM");
      await sandbox.exited;
    }
  });
});

/** The first line of the sandbox's output matching `pattern`, polled with a 10 s deadline. */
function outputLine(sandbox: SandboxProcess, pattern: RegExp): Promise<string> {
  return vi.waitFor(
    () => {
      const line = sandbox.output.find((candidate) => pattern.test(candidate));
      if (line === undefined)
        throw new Error(`no line ${pattern} in: ${sandbox.output.join("\n")}`);
      return line;
    },
    { timeout: 10_000, interval: 20 },
  );
}
