import { describe, expect, it } from "vitest";
import { fixtureFolder, goodFixture, runBuiltCliAsync } from "../testing/index.js";

/** A fixture that demands what a conforming server may leave out: a charset on Content-Type. */
function wantsCharset(): Record<string, unknown> {
  const fixture = goodFixture({ title: "demands a charset" }) as {
    steps: { expect: Record<string, unknown> }[];
  };
  (fixture.steps[0] as { expect: Record<string, unknown> }).expect.headers = {
    "Content-Type": "charset=utf-8",
  };
  return fixture;
}

const folder = fixtureFolder({
  "create/good.json": goodFixture(),
  "create/wants-charset.json": wantsCharset(),
});

describe("ndop-conformance variants", () => {
  it("says which conforming variants a check would fail (a false alarm), and exits 1", async () => {
    const run = await runBuiltCliAsync(
      ["variants", "--variant", "sequence-ids", "--variant", "no-charset"],
      { NDOP_FIXTURES_DIR: folder },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")).toEqual([
      "ndop-conformance: 2 conforming variant(s), json and xml, each against a fresh embedded sandbox",
      "  passed      sequence-ids (ids and version ids are sequences, not UUIDs): 4 check(s) ran, no warning",
      "  FALSE ALARM no-charset (Content-Type without a charset parameter): create/wants-charset [json] failed: step 1: POST /Consent: header Content-Type application/fhir+json does not match charset=utf-8",
      "1 of 2 variant(s) passed, 1 false alarm(s), 0 not judged.",
      "",
    ]);
    expect(run.status).toBe(1);
  });

  it("--json: a variant's warnings pass when it implies them; NDOP_SUITES chooses the suites", async () => {
    const run = await runBuiltCliAsync(["variants", "--json", "--variant", "if-match-ignored"], {
      NDOP_SUITES: "update",
      NDOP_FORMAT: "json",
    });
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    expect([report.passed, report.falseAlarms, report.notJudged]).toEqual([1, 0, 0]);
    expect(report.variants[0]).toMatchObject({
      variant: "if-match-ignored",
      verdict: "passed",
      failures: [],
      blocked: [],
      warnings: [{ checkId: "update/412-stale-if-match [json]", requirements: ["ndop-update-05"] }],
    });
    expect(report.variants[0].evidence).toMatch(
      /^\d+ check\(s\) ran, 1 warning\(s\), each one the variant implies$/,
    );
    expect(run.status).toBe(0);
  });

  it("refuses unknown variants and the settings it sets itself, a sentence each (exit 2)", async () => {
    const refusals = await Promise.all([
      runBuiltCliAsync(["variants", "--variant", "lenient"]),
      runBuiltCliAsync(["variants"], { NDOP_EXPECT_UPDATE_UNKNOWN_ID: "405" }),
      runBuiltCliAsync(["variants"], { NDOP_SANDBOX_FAULTS: "errors-as-500" }),
    ]);
    expect(refusals.map((run) => [run.status, run.stdout, run.stderr.trim()])).toEqual([
      [
        2,
        "",
        "ndop-conformance: --variant lenient is not a variant (ndop-conformance sandbox --list-variants).",
      ],
      [
        2,
        "",
        "ndop-conformance: variants does not take NDOP_EXPECT_UPDATE_UNKNOWN_ID (each variant sets what its run expects); unset it.",
      ],
      [
        2,
        "",
        "ndop-conformance: variants does not take NDOP_SANDBOX_FAULTS (choose fault modes with --fault); unset it.",
      ],
    ]);
  });
});
