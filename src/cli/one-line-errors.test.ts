import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuiltCli, runBuiltCliAsync, spawnSandbox } from "../testing/index.js";

/**
 * Issue 16: the raw "internal error" paths, each now one sentence and exit 2, through the built
 * CLI; `--base-path` validated; `can-i-deploy` tells "no" (1) from "could not ask" (2).
 */
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("one line and exit 2 instead of an internal error", () => {
  it("sandbox --port on a port in use: EADDRINUSE", async () => {
    const port = await listen((_request, response) => response.end());
    const run = runBuiltCli(["sandbox", "--port", String(port)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `ndop-conformance: the address 127.0.0.1:${port} is already in use: choose another --port. (EADDRINUSE)\n`,
    );
  });

  it("--reports-dir under a file: ENOTDIR", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-notdir-")), "plain-file");
    writeFileSync(file, "not a folder");
    const run = runBuiltCli([
      "run",
      "--suite",
      "capability",
      "--reports-dir",
      join(file, "reports"),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `ndop-conformance: ${join(file, "reports")}: a part of this path is a file, not a folder. (ENOTDIR)\n`,
    );
  });

  it("report --results naming a file: ENOTDIR", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-notdir-")), "results.json");
    writeFileSync(file, "{}");
    const run = runBuiltCli(["report", "--results", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ndop-conformance: .+ \(ENOTDIR\)\n$/);
    expect(run.stderr).not.toContain("internal error");
  });

  it("a shard with no checks in it says so", () => {
    const run = runBuiltCli(["run", "--suite", "capability", "--shard", "7/9"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "ndop-conformance: no check ran: the suites, the selection (--fixture, --grep, --requirement) or the shard left nothing to run.\n",
    );
  });
});

describe("sandbox --base-path", () => {
  it("refuses a path without a leading slash", () => {
    const run = runBuiltCli(["sandbox", "--base-path", "STU3"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'ndop-conformance: --base-path takes a path that starts with "/" (for example /STU3), not "STU3".\n',
    );
  });

  it("drops a trailing slash, so /STU3/ serves /STU3/metadata", async () => {
    const sandbox = await spawnSandbox(["--base-path", "/STU3/", "--relaxed-security"]);
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/STU3$/);
      const answer = await fetch(`${sandbox.baseUrl}/metadata`);
      expect(answer.status).toBe(200);
    } finally {
      sandbox.child.kill("SIGTERM");
      await sandbox.exited;
    }
  });
});

describe("pact can-i-deploy", () => {
  // A stand-in for the Pact Broker (a remote service we do not run), on loopback.
  const brokerEnv = (port: number) => ({ PACT_BROKER_BASE_URL: `http://127.0.0.1:${port}` });

  it("exits 1 when the broker answers no", async () => {
    const port = await listen((request, response) => {
      const matrix = (request.url ?? "").startsWith("/matrix");
      response.writeHead(200, { "Content-Type": "application/hal+json" }).end(
        JSON.stringify(
          matrix
            ? {
                summary: {
                  deployable: false,
                  reason: "no verification",
                  success: 0,
                  failed: 1,
                  unknown: 0,
                },
                matrix: [],
                _links: {},
              }
            : { _links: {} },
        ),
      );
    });
    const run = await runBuiltCliAsync(
      ["pact", "can-i-deploy", "--to-environment", "int", "--version", "1.2.3"],
      brokerEnv(port),
    );
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("Computer says no");
  });

  it("exits 2 when it cannot ask (the broker refuses the credentials)", async () => {
    const port = await listen((_request, response) => {
      response
        .writeHead(401, { "Content-Type": "application/json" })
        .end('{"error":"unauthorised"}');
    });
    const run = await runBuiltCliAsync(
      ["pact", "can-i-deploy", "--to-environment", "int", "--version", "1.2.3"],
      brokerEnv(port),
    );
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toBe(
      "ndop-conformance: can-i-deploy could not ask the Pact Broker (see above): no verdict.\n",
    );
  });
});
