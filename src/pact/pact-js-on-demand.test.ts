import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Pact JS's index costs about 0.3 s of CPU. The pact folder and every `pact` command's module load
 * without it; generating or verifying loads it (pact-js.ts). A fresh process (real, not this
 * worker, which other test files may have loaded it into) shows when.
 */
const PROJECT = fileURLToPath(new URL("../../", import.meta.url));

const SCRIPT = `
import { createRequire } from "node:module";
const cache = createRequire(import.meta.url)("node:module")._cache;
const pactLoaded = () =>
  Object.keys(cache).some((file) => file.endsWith("/node_modules/@pact-foundation/pact/src/index.js"))
    ? "loaded"
    : "not loaded";
const pact = await import("./dist/pact/index.js");
await import("./dist/cli/pact-command.js");
console.log("imported: Pact JS " + pactLoaded());
pact.pactNames({});
console.log("names read: Pact JS " + pactLoaded());
const { pactJs } = await import("./dist/pact/pact-js.js");
const verifier = typeof pactJs().Verifier;
console.log("first use: Pact JS " + pactLoaded() + ", Verifier " + verifier);
`;

describe("Pact JS", () => {
  it("is loaded on first use, not by the pact folder or the pact commands", () => {
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], {
      cwd: PROJECT,
      encoding: "utf8",
    });
    expect(output.trim().split("\n")).toEqual([
      "imported: Pact JS not loaded",
      "names read: Pact JS not loaded",
      "first use: Pact JS loaded, Verifier function",
    ]);
  });
});
