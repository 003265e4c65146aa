import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCliAsync } from "../testing/index.js";

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Verification checks the target before it reads a pact, so any JSON file will do. */
const pactFile = join(mkdtempSync(join(tmpdir(), "ndop-flags-")), "pact.json");
writeFileSync(pactFile, "{}");

/** A web server that is not FHIR: its /metadata is an HTML page. */
let website: Server;
let websiteUrl: string;
beforeAll(async () => {
  website = createServer((_request, response) => {
    response
      .writeHead(200, { "Content-Type": "text/html" })
      .end("<html><body>Welcome</body></html>");
  });
  await new Promise<void>((resolve) => website.listen(0, "127.0.0.1", resolve));
  websiteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}/STU3`;
});
afterAll(() => new Promise((resolve) => website.close(resolve)));

/** Exit 2 with exactly one line on stderr, that line matching. */
async function refusedInOneLine(args: string[], line: RegExp, env: NodeJS.ProcessEnv = {}) {
  const run = await runBuiltCliAsync(args, env);
  expect(run.status, run.stdout + run.stderr).toBe(2);
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr.trimEnd()).toMatch(line);
  expect(run.stdout).not.toMatch(/passed/);
}

describe("--base-url means that URL: never a silent sandbox run (false green)", () => {
  it.each([
    ["run"],
    ["baseline", "--out", "/tmp/ndop-never-written.json"],
    ["pact", "verify", "--pact", pactFile],
  ])("%s --base-url <closed port> without --env exits 2 naming the URL", async (...command) => {
    const url = `http://127.0.0.1:${await closedPort()}/STU3`;
    await refusedInOneLine(
      [...command, "--base-url", url],
      new RegExp(
        `^ndop-conformance: Cannot reach custom at ${url.replace(/\./g, "\\.")}: .*ECONNREFUSED`,
      ),
    );
  });

  it("a target whose /metadata is not a CapabilityStatement is not an NDOP FHIR endpoint (exit 2, one line)", async () => {
    for (const command of [["run"], ["pact", "verify", "--pact", pactFile]])
      await refusedInOneLine(
        [...command, "--base-url", websiteUrl],
        new RegExp(
          `^ndop-conformance: ${websiteUrl.replace(/\./g, "\\.")} is not an NDOP FHIR endpoint: its /metadata answered HTTP 200 \\(text/html\\), not a CapabilityStatement\\.$`,
        ),
      );
  });

  it("--base-url with --env sandbox is refused in one sentence", () =>
    refusedInOneLine(
      ["run", "--env", "sandbox", "--base-url", websiteUrl],
      /^ndop-conformance: NDOP_BASE_URL \(--base-url\) cannot be used with the sandbox environment/,
    ));
});

describe("flag combinations that would be silently ignored are refused", () => {
  it("baseline --shard (a baseline is the whole run)", () =>
    refusedInOneLine(
      ["baseline", "--out", "/tmp/ndop-never-written.json", "--shard", "1/2"],
      /^ndop-conformance: --shard cannot be used with baseline/,
    ));

  it("a shard that is not index/count", () =>
    refusedInOneLine(
      ["run", "--shard", "3/2"],
      /^ndop-conformance: --shard "3\/2" is not index\/count/,
    ));

  it("a profiles folder that does not exist", () =>
    refusedInOneLine(
      ["run", "--profiles-dir", "/nonexistent/profiles"],
      /^ndop-conformance: NDOP_PROFILES_DIR \(--profiles-dir\) names \/nonexistent\/profiles, which does not exist\.$/,
    ));

  it("a sandbox-only setting against another target", () =>
    refusedInOneLine(
      ["run", "--base-url", websiteUrl],
      /^ndop-conformance: NDOP_SANDBOX_STORE applies to the sandbox only\.$/,
      { NDOP_SANDBOX_STORE: "memory" },
    ));
});
