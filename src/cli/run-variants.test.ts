import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VARIANTS, type VariantName } from "../sandbox/index.js";
import { runBuiltCliAsync, spawnSandbox } from "../testing/index.js";

const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/**
 * The warnings each variant implies, as `checkId: warning` lines must match them; a variant not
 * named here implies none. Every other warning, and every failure, is a false alarm.
 */
const IMPLIED: Partial<Record<VariantName, { warnings: RegExp; checks: string[] }>> = {
  // Every check that reads a non-empty history Bundle (instance or patient history), in both formats.
  "history-entry-response": {
    warnings: /known-defect:stu3-bdl-4/,
    checks: bothFormats([
      "create/201-new-patient",
      "history/200-instance",
      "history/200-patient",
      "history/200-patient-only-theirs",
      "journey/create-withdraw-restore",
      "update/412-stale-if-match",
    ]),
  },
  "if-match-ignored": {
    warnings: /^update\/412-stale-if-match \[(json|xml)\]: SHOULD: .*expected HTTP 412, got 200/,
    checks: bothFormats(["update/412-stale-if-match"]),
  },
};

function bothFormats(fixtures: string[]): string[] {
  return fixtures.flatMap((fixture) => [`${fixture} [json]`, `${fixture} [xml]`]).sort();
}

interface Summary {
  counts: { failed: number; blocked: number; warning: number; passed: number };
  failures: { checkId: string; failure?: string }[];
  warnings: { checkId: string; warnings: string[] }[];
}

interface VariantEntry extends Summary {
  variant: VariantName;
  verdict: string;
  evidence: string;
}

/** The oracles of one variant's run: no false alarm, and exactly the warnings it implies. */
function expectConforming(variant: VariantName, summary: Summary): void {
  const failures = summary.failures.map((entry) => `${entry.checkId}: ${entry.failure ?? ""}`);
  expect(failures, `${variant}: false alarms, failed checks on a conforming variant`).toEqual([]);
  expect(summary.counts.blocked, variant).toBe(0);
  const warnings = summary.warnings.flatMap((entry) =>
    entry.warnings.map((warning) => `${entry.checkId}: ${warning}`),
  );
  const implied = IMPLIED[variant];
  expect(
    warnings.filter((line) => !implied?.warnings.test(line)),
    `${variant}: warnings the variant does not imply`,
  ).toEqual([]);
  expect(summary.warnings.map((entry) => entry.checkId).sort(), variant).toEqual(
    implied?.checks ?? [],
  );
}

describe("every conforming variant of the sandbox passes the whole suite, with only the warnings it implies", () => {
  it("ndop-conformance variants: every variant, each against a fresh sandbox, in one process", async () => {
    const run = await runBuiltCliAsync(["variants", "--json"], {}, { timeoutMs: 600_000 });
    expect(run.stderr).toBe("");
    const entries = (JSON.parse(run.stdout) as { variants: VariantEntry[] }).variants;
    expect(entries.map((entry) => entry.variant)).toEqual(Object.keys(VARIANTS));
    for (const entry of entries) expectConforming(entry.variant, entry);
    expect(
      entries.filter((entry) => entry.verdict !== "passed").map((entry) => entry.evidence),
    ).toEqual([]);
    expect(run.status).toBe(0);
  }, 600_000);

  it("a variant as its own sandbox process, run as a custom target, passes the same way", async () => {
    const sandbox = await spawnSandbox(["--variant", "update-unknown-405"]);
    try {
      const reports = temporary("ndop-variant-");
      const run = await runBuiltCliAsync(
        ["run", "--env", "custom", "--base-url", sandbox.baseUrl, "--reports-dir", reports],
        { NDOP_EXPECT_UPDATE_UNKNOWN_ID: "405" },
      );
      const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8")) as Summary;
      expectConforming("update-unknown-405", summary);
      expect(run.status).toBe(0);
    } finally {
      sandbox.child.kill("SIGTERM");
      await sandbox.exited;
    }
  });
});

describe("ndop-conformance sandbox --variant", () => {
  it("--list-variants lists every variant with the freedom it exercises", async () => {
    const run = await runBuiltCliAsync(["sandbox", "--list-variants"]);
    expect(run.status).toBe(0);
    expect(
      run.stdout
        .trim()
        .split("\n")
        .map((line) => line.split(" ")[0]),
    ).toEqual(Object.keys(VARIANTS));
    expect(run.stdout).toMatch(
      /^no-charset +Content-Type without a charset parameter; implies none$/m,
    );
  });

  it("refuses an unknown variant with exit 2 and one sentence", async () => {
    const run = await runBuiltCliAsync(["sandbox", "--variant", "lenient"]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'ndop-conformance: Unknown sandbox variant "lenient"; --list-variants shows them.',
    );
  });
});
