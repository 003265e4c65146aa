import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * undici's index costs a thread 100-140 ms of CPU to load. A run against the embedded sandbox
 * imports the client in the CLI's own thread (through the fixtures and the preflight) but sends
 * nothing from it, so undici is loaded by the first client made, and then only the files the
 * client uses (undici-parts.ts), not the index, even once it has sent a request. A fresh process
 * (real, not this worker, which other test files may have loaded it into) shows when.
 */
const PROJECT = fileURLToPath(new URL("../../", import.meta.url));

const SCRIPT = `
import { createRequire } from "node:module";
const cache = createRequire(import.meta.url)("node:module")._cache;
const loaded = (file) => Object.keys(cache).some((name) => name.endsWith(file));
const undiciLoaded = () =>
  loaded("/node_modules/undici/lib/dispatcher/agent.js") ? "loaded" : "not loaded";
const indexLoaded = () => (loaded("/node_modules/undici/index.js") ? "loaded" : "not loaded");
const { NdopClient } = await import("./dist/client/index.js");
await import("./dist/fixtures/index.js");
await import("./dist/cli/preflight.js");
console.log("imported: undici " + undiciLoaded());
const { resolveConfig } = await import("./dist/config/index.js");
const { config } = resolveConfig({
  env: { NDOP_ENV: "custom", NDOP_BASE_URL: "http://127.0.0.1:9/STU3" },
  cwd: process.cwd(),
  flags: {},
  defaultFixturesDir: "fixtures",
});
const client = new NdopClient(config);
console.log("client made: undici " + undiciLoaded() + ", its index " + indexLoaded());
await client.capabilities().catch(() => undefined);
console.log("request sent: its index " + indexLoaded());
await client.close();
`;

describe("undici", () => {
  it("is loaded by the first client, not by importing the client, the fixtures or the preflight, and never through its index", () => {
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], {
      cwd: PROJECT,
      encoding: "utf8",
    });
    expect(output.trim().split("\n")).toEqual([
      "imported: undici not loaded",
      "client made: undici loaded, its index not loaded",
      "request sent: its index not loaded",
    ]);
  });
});
