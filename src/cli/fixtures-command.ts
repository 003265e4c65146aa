import { statSync } from "node:fs";
import { Command } from "commander";
import { resolveConfig } from "../config/index.js";
import { fixtureProblemLine } from "../errors/index.js";
import { ExitCode } from "./exit-codes.js";
import { FIXTURES_DIR } from "./preflight.js";
import { inspectProjectFixtures } from "./project-fixtures.js";

export function fixturesCommand(setExitCode: (code: ExitCode) => void): Command {
  const check = new Command("check")
    .description(
      "Validate the fixtures and templates without a run: the schema, and every check, Spine code, capture source, template and requirement key they name.",
    )
    .option(
      "--fixtures-dir <dir>",
      "the fixtures folder to check (default: NDOP_FIXTURES_DIR, else the project's)",
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 every fixture and template is valid, 2 otherwise (every problem listed, one line each).",
    )
    .action((flags: { fixturesDir?: string }) => setExitCode(checkFixtures(flags.fixturesDir)));
  return new Command("fixtures")
    .description("Work with the fixtures: the test cases, as data.")
    .addCommand(check.exitOverride());
}

function checkFixtures(dirFlag: string | undefined): ExitCode {
  const fixturesDir = fixturesDirOf(dirFlag);
  if (!statSync(fixturesDir, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`ndop-conformance: ${fixturesDir} is not a folder of fixtures.\n`);
    return ExitCode.CouldNotRun;
  }
  const { fixtures, templates, problems } = inspectProjectFixtures(fixturesDir);
  if (problems.length > 0) {
    const files = new Set(problems.map((problem) => problem.file)).size;
    process.stderr.write(problems.map((problem) => `${fixtureProblemLine(problem)}\n`).join(""));
    process.stderr.write(
      `ndop-conformance: ${plural(problems.length, "problem")} in ${plural(files, "file")} of ${fixturesDir}.\n`,
    );
    return ExitCode.CouldNotRun;
  }
  const suites = new Set(fixtures.map((loaded) => loaded.suite)).size;
  process.stdout.write(
    `${plural(fixtures.length, "fixture")} in ${plural(suites, "suite")} and ${plural(templates.length, "template")} are valid.\n`,
  );
  return ExitCode.Passed;
}

/** The folder as a run would take it: --fixtures-dir, else NDOP_FIXTURES_DIR (environment or .env). */
function fixturesDirOf(dirFlag: string | undefined): string {
  return resolveConfig({
    env: process.env,
    cwd: process.cwd(),
    flags: dirFlag === undefined ? {} : { NDOP_FIXTURES_DIR: dirFlag },
    defaultFixturesDir: FIXTURES_DIR,
  }).config.fixturesDir;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
