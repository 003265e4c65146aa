import { readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureFolder, goodFixture, runBuiltCli, runBuiltCliAsync } from "../testing/index.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));

const step = (change: Record<string, unknown>, expectChange: Record<string, unknown> = {}) => {
  const fixture = goodFixture();
  const [first] = fixture.steps as { expect: object }[];
  Object.assign(first as object, change);
  Object.assign((first as { expect: object }).expect, expectChange);
  return fixture;
};

/** Six bad files in three suites, and one good one. */
const folder = fixtureFolder({
  "create/check.json": step({}, { checks: ["server-asigned-id", "etag-names-version"] }),
  "create/escape.json": step({ body: { template: "../../app/package" } }),
  "errors/spine.json": step({}, { spineCode: "MESSAGE_NOT_WELL_FORMD" }),
  "errors/proto.json": step({
    body: { template: "consent", edits: [{ set: "__proto__.skipped", value: true }] },
  }),
  "history/capture.json": step({ capture: { v1: "location.versionId" } }),
  "history/requirement.json": goodFixture({ requirements: ["ndop-create-01", "ndop-vrad-01"] }),
  "history/good.json": goodFixture(),
});
const shown = (path: string) => relative(process.cwd(), join(folder, path));
const PROBLEM_LINES = [
  `${shown("create/check.json")}: field steps.0.expect.checks.0: unknown check "server-asigned-id" (did you mean "server-assigned-id"?)`,
  `${shown("create/escape.json")}: field steps.0.body.template: is not a template name (a file name in the templates folder, without .json, folders or ..)`,
  `${shown("errors/proto.json")}: field steps.0.body.edits.0.set: has a forbidden segment (__proto__, constructor or prototype)`,
  `${shown("errors/spine.json")}: field steps.0.expect.spineCode: unknown Spine code "MESSAGE_NOT_WELL_FORMD" (did you mean "MESSAGE_NOT_WELL_FORMED"?)`,
  `${shown("history/capture.json")}: field steps.0.capture.v1: unknown capture source "location.versionId" (did you mean "location.version"?)`,
  `${shown("history/requirement.json")}: field requirements.1: unknown requirement key "ndop-vrad-01" (did you mean "ndop-vread-01"?): not in suites/requirements.csv`,
];

describe("ndop-conformance fixtures check", () => {
  it("passes the project's fixtures with a one-line count", () => {
    const suites = readdirSync(FIXTURES, { withFileTypes: true }).filter(
      (entry) => entry.isDirectory() && !["templates", "validation"].includes(entry.name),
    );
    const cases = suites.flatMap((suite) =>
      readdirSync(join(FIXTURES, suite.name)).filter((name) => name.endsWith(".json")),
    );
    const run = runBuiltCli(["fixtures", "check"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      `${cases.length} fixtures in ${suites.length} suites and 1 template are valid.\n`,
    );
    expect(run.status).toBe(0);
  });

  it("lists every problem of a bad folder, one line each, and exits 2", () => {
    const run = runBuiltCli(["fixtures", "check", "--fixtures-dir", folder]);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toEqual([
      ...PROBLEM_LINES,
      `ndop-conformance: 6 problems in 6 files of ${folder}.`,
      "",
    ]);
    expect(run.status).toBe(2);
  });

  it("takes the folder from NDOP_FIXTURES_DIR as a run does", () => {
    const run = runBuiltCli(["fixtures", "check"], { NDOP_FIXTURES_DIR: folder });
    expect(run.stderr).toContain(PROBLEM_LINES[0]);
    expect(run.status).toBe(2);
  });

  it("refuses a folder that is not there, in one line", () => {
    const run = runBuiltCli(["fixtures", "check", "--fixtures-dir", join(folder, "missing")]);
    expect(run.stderr).toBe(
      `ndop-conformance: ${join(folder, "missing")} is not a folder of fixtures.\n`,
    );
    expect(run.status).toBe(2);
  });
});

describe("a run over bad fixtures", () => {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    response.end();
  });
  let baseUrl = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/STU3`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("exits 2 with every problem (a misspelt check is a fixture error), before anything is sent", async () => {
    const run = await runBuiltCliAsync(["run", "--env", "custom", "--base-url", baseUrl], {
      NDOP_FIXTURES_DIR: folder,
    });
    expect(run.stderr).toBe(
      `ndop-conformance: The settings have 6 problems:\n${PROBLEM_LINES.map((line) => `- ${line}\n`).join("")}`,
    );
    expect(run.status).toBe(2);
    expect(requests).toBe(0);
  });
});
