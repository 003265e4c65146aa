import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_CLI, moduleLog } from "../testing/index.js";

/**
 * vitest and vite cost a run about 0.4 s of CPU to load. A run that is refused before it starts,
 * or only shown (--dry-run), never needs them: it answers in about half the time. A real process,
 * with a module hook that writes down every module loaded.
 */
function modulesLoadedBy(args: string[]): { status: number | null; loaded: string[] } {
  const log = moduleLog();
  const run = spawnSync(process.execPath, [...log.nodeArgs, BUILT_CLI, ...args], {
    cwd: mkdtempSync(join(tmpdir(), "ndop-loads-")),
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: run.status, loaded: log.loaded() };
}

const fromVitest = (url: string) => /\/node_modules\/(vitest|vite|@vitest)\//.test(url);

describe("a run that does not start its suites", () => {
  it("loads neither vitest nor vite when refused (an unreachable target) or shown (--dry-run)", () => {
    const refused = modulesLoadedBy([
      "run",
      "--env",
      "custom",
      "--base-url",
      "http://127.0.0.1:9/STU3",
    ]);
    expect(refused.status).toBe(2);
    expect(refused.loaded.filter(fromVitest)).toEqual([]);
    const shown = modulesLoadedBy(["run", "--dry-run"]);
    expect(shown.status).toBe(0);
    expect(shown.loaded.filter(fromVitest)).toEqual([]);
    // The hook sees vitest when a run does start it: the check above can fail.
    const started = modulesLoadedBy(["run", "--suite", "capability", "--reports-dir", "reports"]);
    expect(started.status).toBe(0);
    expect(started.loaded.some(fromVitest)).toBe(true);
  });
});
