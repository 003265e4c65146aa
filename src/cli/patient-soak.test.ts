import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticNhsNumbers } from "../fhir/index.js";
import {
  type CliRun,
  runBuiltCliAsync,
  type SandboxProcess,
  spawnSandbox,
} from "../testing/index.js";

/**
 * The soak test of issue 12: one stateful sandbox standing in for Int (a separate process, kept
 * across runs) and one pool of 80 synthetic patients. Runs must repeat without shrinking, spend
 * exactly 4 new patients each, and stay correct when several run at once or sharded.
 */
const POOL_SIZE = 80;
const PER_RUN = 4;
const numbers = [...firstSynthetic(POOL_SIZE + 3)];
const POOL = numbers.slice(0, POOL_SIZE);
const TINY_POOL = numbers.slice(POOL_SIZE);

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await spawnSandbox([]);
});
afterAll(() => {
  sandbox?.child.kill("SIGKILL");
});

interface Summary {
  counts: { total: number; passed: number; failed: number; blocked: number; skipped: number };
  notJudged: unknown[];
  patients: { consumed: number; pool: number; leftFree: number; runsLeft: number | null };
}

async function run(
  extra: string[] = [],
  patients = POOL,
): Promise<{ cli: CliRun; summary: Summary }> {
  const reports = mkdtempSync(join(tmpdir(), "ndop-soak-"));
  const cli = await runBuiltCliAsync(
    ["run", "--base-url", sandbox.baseUrl, "--reports-dir", reports, ...extra],
    { NDOP_PATIENTS: patients.join(",") },
  );
  const summary =
    cli.status === 2
      ? ({} as Summary)
      : JSON.parse(readFileSync(join(reports, "summary.json"), "utf8"));
  return { cli, summary };
}

function expectAllJudged({ cli, summary }: { cli: CliRun; summary: Summary }): void {
  expect(cli.status, cli.stdout.slice(-2000) + cli.stderr).toBe(0);
  expect(summary.counts.failed).toBe(0);
  expect(summary.counts.blocked).toBe(0);
  expect(summary.notJudged).toEqual([]);
}

describe("patient economy against one stateful target (soak)", () => {
  it("10 consecutive full runs, then 4 at once and a 2-shard run: all judged, 4 patients each", async () => {
    for (let index = 1; index <= 10; index += 1) {
      const result = await run();
      expectAllJudged(result);
      expect(result.summary.counts.skipped).toBe(0);
      const leftFree = POOL_SIZE - PER_RUN * index;
      expect(result.summary.patients).toEqual({
        consumed: PER_RUN,
        pool: POOL_SIZE,
        freeBefore: leftFree + PER_RUN,
        leftFree,
        // The next run also needs one patient it does not spend (shared by the negative cases).
        runsLeft: Math.floor((leftFree - 1) / PER_RUN),
      });
      expect(result.cli.stdout).toContain(
        `Test patients: 4 consumed, ${leftFree} of 80 left free: at this rate ${Math.floor((leftFree - 1) / PER_RUN)} more full runs.`,
      );
    }
    const concurrent = await Promise.all([run(), run(), run(), run()]);
    for (const result of concurrent) {
      expectAllJudged(result);
      expect(result.summary.patients.consumed).toBe(PER_RUN);
    }
    const shards = await Promise.all([run(["--shard", "1/2"]), run(["--shard", "2/2"])]);
    for (const result of shards) {
      expectAllJudged(result);
      expect(result.summary.patients.pool).toBe(POOL_SIZE / 2);
    }
    // Only one shard holds the create suite: the pair spends one run's worth, from disjoint slices.
    expect(shards.map((result) => result.summary.patients.consumed).sort()).toEqual([0, PER_RUN]);
    const shardLeft = shards.map((result) => result.summary.patients.leftFree);
    expect((shardLeft[0] as number) + (shardLeft[1] as number)).toBe(POOL_SIZE - PER_RUN * 15);
    const last = await run();
    expectAllJudged(last);
    expect(last.summary.patients).toEqual({
      consumed: PER_RUN,
      pool: POOL_SIZE,
      freeBefore: POOL_SIZE - PER_RUN * 15,
      leftFree: POOL_SIZE - PER_RUN * 16,
      runsLeft: Math.floor((POOL_SIZE - PER_RUN * 16 - 1) / PER_RUN),
    });
  }, 900_000);

  it("refuses to start against a pool too small for a full run, saying how many it needs", async () => {
    const { cli } = await run([], TINY_POOL);
    expect(cli.status, cli.stdout + cli.stderr).toBe(2);
    expect(cli.stderr.trim()).toBe(
      "ndop-conformance: The test patient pool is exhausted: 3 of its 3 patients have no Consent and this run needs 5, so add at least 2 unused synthetic patients to NDOP_PATIENTS.",
    );
  });
});

function* firstSynthetic(count: number): Generator<string> {
  let index = 0;
  for (const nhsNumber of syntheticNhsNumbers()) {
    if (index++ >= count) return;
    yield nhsNumber;
  }
}
