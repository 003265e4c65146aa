import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";
import { wantsColour } from "./output.js";

const ESCAPE = "\u001b[";
const { version } = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
) as { version: string };

/** The environment a user's shell would give, without the test runner's colour settings. */
const plainShell = { NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined };

describe("--version", () => {
  it.each([[["--version"]], [["-V"]], [["run", "--version"]], [["validate", "--version"]]])(
    "answers %j with the version and the commit, exit 0",
    (args) => {
      const run = runBuiltCli(args);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`^ndop-conformance ${version}( \\([0-9a-f]{12}\\))?\\n$`),
      );
    },
  );
});

describe("colour", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, true],
    [{ FORCE_COLOR: "0" }, false, false],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
    [{ CI: "true" }, true, false],
    [{ CI: "false" }, true, true],
    [{ CI: "true", FORCE_COLOR: "1" }, false, true],
  ])("env %j on a terminal=%s: colour %s", (env, isTTY, expected) => {
    expect(wantsColour(env, isTTY)).toBe(expected);
  });

  const invalidFile = (): string => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-colour-")), "consent.json");
    writeFileSync(file, JSON.stringify({ resourceType: "Consent", status: "proposed" }));
    return file;
  };

  it("leaves a piped validate plain, and colours it when FORCE_COLOR asks", () => {
    const file = invalidFile();
    const piped = runBuiltCli(["validate", file], plainShell);
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain("INVALID");
    expect(piped.stdout).not.toContain(ESCAPE);
    const forced = runBuiltCli(["validate", file], { ...plainShell, FORCE_COLOR: "1" });
    expect(forced.stdout).toContain(`${ESCAPE}31mINVALID`);
  });

  it("keeps vitest's output plain in a piped run (vitest colours pipes unless told)", () => {
    const run = runBuiltCli(["run", "--suite", "capability"], plainShell);
    expect(run.status).toBe(0);
    // Quiet by default: the counts line, and no colour codes anywhere.
    expect(run.stdout).toMatch(/^2 passed, 0 warnings, 0 failed, 0 blocked, 0 skipped$/m);
    expect(run.stdout + run.stderr).not.toContain(ESCAPE);
  });
});
