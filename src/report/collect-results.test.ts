import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { Reporter, TestModule } from "vitest/node";
import { startVitest } from "vitest/node";
import type { CheckMeta, CheckResult } from "./check-result.js";
import { CheckCollector } from "./collect-results.js";

const meta = (checkId: string, extra: Partial<CheckMeta> = {}): CheckMeta => ({
  checkId,
  fixture: checkId,
  suite: "create",
  format: "json",
  requirements: ["ndop-create-01"],
  severity: "critical",
  level: "SHALL",
  ...extra,
});

/**
 * A suite file as the conformance suites write them: each check puts its CheckMeta in the task's
 * meta, then passes, warns, fails, is blocked or skipped. One test carries no meta (not a check).
 */
const SUITE = `
const meta = (ctx, value) => { ctx.task.meta.ndop = value; };
test("passes", (ctx) => { meta(ctx, ${JSON.stringify(meta("c-pass"))}); });
test("warns", (ctx) => { meta(ctx, ${JSON.stringify(meta("c-warn", { level: "SHOULD", warnings: ["no Location header"] }))}); });
test("passes with no warnings listed", (ctx) => { meta(ctx, ${JSON.stringify(meta("c-empty-warnings", { warnings: [] }))}); });
test("fails", (ctx) => {
  meta(ctx, ${JSON.stringify(meta("c-fail"))});
  expect.soft(201).toBe(200);
  expect.soft("a").toBe("b");
});
test("is blocked", (ctx) => {
  meta(ctx, ${JSON.stringify(meta("c-blocked", { blockedBy: "setup: create the Consent" }))});
  ctx.skip("blocked by setup");
});
test("is skipped with a reason", (ctx) => {
  meta(ctx, ${JSON.stringify(meta("c-skip"))});
  ctx.skip("not on int");
});
test("is skipped without a reason", (ctx) => {
  meta(ctx, ${JSON.stringify(meta("c-skip-silent"))});
  ctx.skip();
});
test("is no check", () => {});
`;

/** Records vitest's own durations, to compare with what the collector kept. */
class DurationRecorder implements Reporter {
  readonly durations = new Map<string, number | undefined>();
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    for (const module of modules)
      for (const test of module.children.allTests())
        this.durations.set(test.name, test.diagnostic()?.duration);
  }
}

/** Runs vitest (for real, in this process) on the given files with the collector as a reporter. */
async function collect(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "ndop-collect-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const collector = new CheckCollector();
  const durations = new DurationRecorder();
  const vitest = await startVitest(
    "test",
    [],
    {
      root,
      config: false,
      globals: true,
      watch: false,
      include: ["*.test.js"],
      reporters: [collector, durations],
    },
    {},
    { stdout: new PassThrough().resume(), stderr: new PassThrough().resume() },
  );
  await vitest.close();
  return { root, collector, durations: durations.durations };
}

describe("the check collector (a vitest reporter)", () => {
  let root: string;
  let collector: CheckCollector;
  let durations: Map<string, number | undefined>;
  let byId: Map<string, CheckResult>;

  beforeAll(async () => {
    ({ root, collector, durations } = await collect({
      "checks.test.js": SUITE,
      "broken.test.js": 'throw new Error("the suite cannot load");\n',
    }));
    byId = new Map(collector.checks.map((check) => [check.checkId, check]));
  }, 60_000);

  it("keeps one result per check, with the check's meta and the test's name, and no others", () => {
    expect(collector.checks.map((check) => [check.checkId, check.title, check.state])).toEqual([
      ["c-pass", "passes", "passed"],
      ["c-warn", "warns", "warning"],
      ["c-empty-warnings", "passes with no warnings listed", "passed"],
      ["c-fail", "fails", "failed"],
      ["c-blocked", "is blocked", "blocked"],
      ["c-skip", "is skipped with a reason", "skipped"],
      ["c-skip-silent", "is skipped without a reason", "skipped"],
    ]);
    expect(byId.get("c-warn")).toEqual({
      ...meta("c-warn", { level: "SHOULD", warnings: ["no Location header"] }),
      title: "warns",
      state: "warning",
      durationMs: durations.get("warns"),
    });
  });

  it("joins a failed check's error messages, one per line", () => {
    expect(byId.get("c-fail")?.failure).toBe(
      [
        "expected 201 to be 200 // Object.is equality",
        "expected 'a' to be 'b' // Object.is equality",
      ].join("\n"),
    );
    for (const id of ["c-pass", "c-warn", "c-blocked", "c-skip"])
      expect(byId.get(id)).not.toHaveProperty("failure");
  });

  it("keeps a skipped check's reason, but not a blocked check's skip note", () => {
    expect(byId.get("c-skip")?.skipReason).toBe("not on int");
    expect(byId.get("c-skip-silent")).not.toHaveProperty("skipReason");
    expect(byId.get("c-blocked")).not.toHaveProperty("skipReason");
    expect(byId.get("c-blocked")?.blockedBy).toBe("setup: create the Consent");
  });

  it("takes each check's duration from vitest, and 0 for a check that did not run", () => {
    const passed = byId.get("c-pass") as CheckResult;
    expect(passed.durationMs).toBe(durations.get("passes"));
    expect(passed.durationMs).not.toBe(0);
    expect(durations.get("is blocked")).toBe(undefined);
    expect(byId.get("c-blocked")?.durationMs).toBe(0);
  });

  it("keeps a suite file that cannot load as a run error, named by its file", () => {
    expect(collector.runErrors).toEqual([`${join(root, "broken.test.js")}: the suite cannot load`]);
  });
});

describe("the check collector and errors outside any test", () => {
  it("keeps an unhandled error's message", async () => {
    const { collector } = await collect({
      "late.test.js": `test("leaves a rejection behind", () => { Promise.reject(new Error("late failure")); });\n`,
    });
    expect(collector.runErrors).toEqual(["late failure"]);
    expect(collector.checks).toEqual([]);
  }, 60_000);
});
