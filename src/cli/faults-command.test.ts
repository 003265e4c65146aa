import { describe, expect, it } from "vitest";
import { fixtureFolder, goodFixture, runBuiltCliAsync } from "../testing/index.js";

/**
 * `faults` against fixtures written for the test: one that cites the duplicate rule but never
 * sends a duplicate (so the fault mode breaking that rule survives), and one that checks the
 * create's 201 (so the fault mode answering 200 is caught).
 */
const folder = fixtureFolder({
  "create/cites-duplicate.json": goodFixture({ requirements: ["ndop-create-05"] }),
  "create/good.json": goodFixture(),
});

describe("ndop-conformance faults", () => {
  it("says which fault modes a check caught and which survived, and exits 1 for a survivor", async () => {
    const run = await runBuiltCliAsync(
      ["faults", "--fault", "create-returns-200", "--fault", "accept-duplicate"],
      { NDOP_FIXTURES_DIR: folder },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")).toEqual([
      "ndop-conformance: 2 fault mode(s), json and xml, each against a fresh embedded sandbox",
      "  caught      create-returns-200 (breaks ndop-create-01, SHALL): create/good [json] failed: step 1: POST /Consent: expected HTTP 201, got 200",
      "  SURVIVED    accept-duplicate (breaks ndop-create-05, SHALL): no check citing ndop-create-05 failed (2 check(s) ran)",
      "1 of 2 fault mode(s) caught, 1 survived, 0 not judged.",
      "",
    ]);
    expect(run.status).toBe(1);
  });

  it("--json: each fault mode's verdict, the fixtures it ran and what broke; exit 0 when a SHALL's check failed and a SHOULD's warned", async () => {
    const run = await runBuiltCliAsync(
      [
        "faults",
        "--json",
        "--fault",
        "update-ignores-if-match",
        "--fault",
        "history-404-when-empty",
      ],
      { NDOP_FORMAT: "json" },
    );
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    expect([report.caught, report.survived, report.notJudged]).toEqual([2, 0, 0]);
    const [ifMatch, history] = report.faults;
    expect(ifMatch).toMatchObject({
      fault: "update-ignores-if-match",
      requirement: "ndop-update-05",
      level: "SHOULD",
      verdict: "caught",
      fixtures: ["update/412-stale-if-match"],
      counts: { total: 1, passed: 0, warning: 1, failed: 0 },
      failures: [],
    });
    expect(ifMatch.evidence).toBe(
      "update/412-stale-if-match [json] warned: SHOULD: update again from the superseded version: expected HTTP 412, got 200",
    );
    expect(history).toMatchObject({
      fault: "history-404-when-empty",
      level: "SHALL",
      verdict: "caught",
    });
    expect(history.evidence).toMatch(/^history\/\S+ \[json\] failed: .*404/);
    expect(run.status).toBe(0);
  });

  it("stops at Ctrl-C with exit 130, not as if a fault mode had survived", async () => {
    const run = await runBuiltCliAsync(["faults"], {}, { interruptWhen: /^ {2}caught /m });
    expect(run.stdout).toMatch(/^ {2}caught {6}create-returns-200 /m);
    expect(run.stdout).not.toMatch(/fault mode\(s\) caught/);
    expect(run.status).toBe(130);
  });

  it("refuses unknown fault modes, fault modes no fixture cites and settings it would ignore, a sentence each (exit 2)", async () => {
    const refusals = await Promise.all([
      runBuiltCliAsync(["faults", "--fault", "no-such-fault"]),
      runBuiltCliAsync(["faults", "--fault", "errors-as-500"], {
        NDOP_FIXTURES_DIR: fixtureFolder({ "create/good.json": goodFixture() }),
      }),
      runBuiltCliAsync(["faults"], { NDOP_SANDBOX_FAULTS: "errors-as-500" }),
      runBuiltCliAsync(["faults"], { NDOP_SUITES: "create" }),
      runBuiltCliAsync(["faults"], { NDOP_SANDBOX_STORE: "sqlite:faults.db" }),
    ]);
    expect(refusals.map((run) => [run.status, run.stdout, run.stderr.trim()])).toEqual([
      [
        2,
        "",
        "ndop-conformance: --fault no-such-fault is not a fault mode (ndop-conformance sandbox --list-faults).",
      ],
      [
        2,
        "",
        "ndop-conformance: fault mode errors-as-500: no fixture cites ndop-error-03, so none can catch it.",
      ],
      [
        2,
        "",
        "ndop-conformance: faults does not take NDOP_SANDBOX_FAULTS (choose fault modes with --fault); unset it.",
      ],
      [
        2,
        "",
        "ndop-conformance: faults does not take NDOP_SUITES (each fault mode runs the fixtures citing the requirement it breaks); unset it.",
      ],
      [
        2,
        "",
        "ndop-conformance: faults does not take NDOP_SANDBOX_STORE (each run gets a fresh sandbox in memory); unset it.",
      ],
    ]);
  });
});
