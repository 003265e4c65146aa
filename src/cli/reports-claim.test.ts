import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { runBuiltCliAsync } from "../testing/index.js";
import { thrownBy } from "../testing/thrown.js";
import { CLAIM_FILE, claimReportsFolder } from "./reports-claim.js";

const folder = () => mkdtempSync(join(tmpdir(), "ndop-claim-"));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** A real process that runs until the test ends (as another run would). */
function runningProcess(): number {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
  children.push(child);
  return child.pid as number;
}

/** The id of a process that has ended (as a run that died would leave). */
async function endedProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid as number;
}

it("claims a folder for this run, and gives it up on release", () => {
  const reports = join(folder(), "reports");
  const release = claimReportsFolder(reports);
  expect(readFileSync(join(reports, CLAIM_FILE), "utf8")).toBe(String(process.pid));
  release();
  expect(existsSync(join(reports, CLAIM_FILE))).toBe(false);
  claimReportsFolder(reports)();
});

it("refuses a folder another running process holds, naming it and what to do", () => {
  const reports = folder();
  const holder = runningProcess();
  writeFileSync(join(reports, CLAIM_FILE), String(holder));
  const error = thrownBy(() => claimReportsFolder(reports));
  expect(error).toMatchObject({
    code: "REPORTS_FOLDER_BUSY",
    context: { reportsDir: reports, holder },
  });
  expect((error as Error).message).toBe(
    `Another run (process ${holder}) is writing its reports to ${reports}; give this run a --reports-dir of its own, or wait for that run to end.`,
  );
  expect(readFileSync(join(reports, CLAIM_FILE), "utf8")).toBe(String(holder));
});

it.each([
  ["a run that died", async () => String(await endedProcess())],
  ["a claim that holds no process id", async () => "not a pid"],
  ["a claim of process 0", async () => "0"],
])("takes over the claim of %s", async (_, content) => {
  const reports = folder();
  writeFileSync(join(reports, CLAIM_FILE), await content());
  const release = claimReportsFolder(reports);
  expect(readFileSync(join(reports, CLAIM_FILE), "utf8")).toBe(String(process.pid));
  release();
});

it("`run` into a folder another run holds stops before it starts: exit 2, one sentence", async () => {
  const reports = folder();
  const holder = runningProcess();
  writeFileSync(join(reports, CLAIM_FILE), String(holder));
  const run = await runBuiltCliAsync([
    "run",
    "--reports-dir",
    reports,
    "--fixture",
    "create/201-new-patient",
  ]);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    `ndop-conformance: Another run (process ${holder}) is writing its reports to ${reports}; give this run a --reports-dir of its own, or wait for that run to end.\n`,
  );
  expect(existsSync(join(reports, "summary.json"))).toBe(false);

  // Once that run has ended, the next run takes the folder over and leaves no claim behind.
  const [child] = children.splice(0);
  const ended = new Promise((resolve) => child?.on("exit", resolve));
  child?.kill();
  await ended;
  const next = await runBuiltCliAsync([
    "run",
    "--reports-dir",
    reports,
    "--fixture",
    "create/201-new-patient",
  ]);
  expect(next.status, next.stderr).toBe(0);
  expect(existsSync(join(reports, "summary.json"))).toBe(true);
  expect(existsSync(join(reports, CLAIM_FILE))).toBe(false);
}, 90_000); // two CLI runs, one of them whole
