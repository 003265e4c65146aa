import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuiltCliAsync } from "../testing/index.js";

/** Two pool patients for four new-patient checks: two checks cannot be judged. */
const TWO_PATIENTS = "9990000018,9990000026";

describe("a run that could not judge a SHALL", () => {
  it("exits 2 with one sentence, and the summary lists the checks and the patients spent", async () => {
    const reports = mkdtempSync(join(tmpdir(), "ndop-unjudged-"));
    const run = await runBuiltCliAsync(["run", "--suite", "create", "--reports-dir", reports], {
      NDOP_PATIENTS: TWO_PATIENTS,
    });
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toContain(
      "could not judge: 2 SHALL check(s) did not run because no never-seen test patient is left in the pool to create a Consent for (NDOP_PATIENTS) (--allow-unjudged accepts that).\n",
    );
    const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8"));
    expect(summary.notJudged.map((check: { checkId: string }) => check.checkId)).toEqual([
      "create/201-proxy [json]",
      "create/201-proxy [xml]",
    ]);
    expect(summary.patients.consumed).toBe(2);
    expect(readFileSync(join(reports, "summary.md"), "utf8")).toContain(
      "- `create/201-proxy [xml]` (SHALL): not judged: no never-seen test patient",
    );
  });

  it("--allow-unjudged accepts it: exit 0", async () => {
    const reports = mkdtempSync(join(tmpdir(), "ndop-unjudged-"));
    const run = await runBuiltCliAsync(
      ["run", "--suite", "create", "--allow-unjudged", "--reports-dir", reports],
      { NDOP_PATIENTS: TWO_PATIENTS },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("NOT JUDGED create/201-proxy [json] (SHALL)");
  });
});
