import { Command, Option } from "commander";
import { type RunConfig, resolveConfig } from "../config/index.js";
import { ConfigError, fixtureProblemLine } from "../errors/index.js";
import {
  type LoadedFixture,
  needsOf,
  skipReason,
  strongestLevel,
  undeclaredOptional,
} from "../fixtures/index.js";
import { ExitCode } from "./exit-codes.js";
import { FIXTURES_DIR } from "./preflight.js";
import { inspectProjectFixtures, projectRequirements } from "./project-fixtures.js";
import { type SelectionFlags, selectFixtures, selectionOptions } from "./selection.js";
import { environmentOption, type TargetFlags, targetSettings } from "./target-options.js";

type ListFlags = TargetFlags & SelectionFlags;

/**
 * `list`: every check (fixture and format), the requirements it cites, the level it is held to,
 * and whether it would be skipped on the chosen target and why. It sends nothing, so settings a
 * run needs (certificates, ASIDs) are not asked for.
 */
export function listCommand(setExitCode: (code: ExitCode) => void): Command {
  const command = new Command("list")
    .description("List the checks, their requirements and levels, and which the target would skip.")
    .addOption(environmentOption())
    .option("--base-url <url>", "FHIR base URL (custom environment, or to override the table)")
    .option("--suite <names>", "suites to list, comma-separated (default all)")
    .addOption(
      new Option("--format <format>", "json, xml or both").choices(["json", "xml", "both"]),
    );
  for (const option of selectionOptions()) command.addOption(option);
  return command.action((flags: ListFlags) => {
    const { config } = resolveConfig({
      env: process.env,
      cwd: process.cwd(),
      flags: targetSettings(flags),
      defaultFixturesDir: FIXTURES_DIR,
    });
    const inspection = inspectProjectFixtures(config.fixturesDir);
    if (inspection.problems.length > 0)
      throw new ConfigError(inspection.problems.map(fixtureProblemLine));
    const inSuites = inspection.fixtures.filter(
      (loaded) =>
        config.suites.length === 0 || config.suites.includes(loaded.id.split("/")[0] ?? ""),
    );
    process.stdout.write(renderList(config, selectFixtures(inSuites, flags)));
    setExitCode(ExitCode.Passed);
  });
}

function renderList(config: RunConfig, fixtures: readonly LoadedFixture[]): string {
  const levels = new Map(projectRequirements().map((entry) => [entry.key, entry.level]));
  const noCapabilities = new Set<string>();
  const lines: string[] = [];
  let skipped = 0;
  for (const loaded of fixtures) {
    const { requirements } = loaded.fixture;
    const needs = needsOf(loaded.fixture);
    const level = strongestLevel(requirements.map((key) => levels.get(key)));
    const optional = undeclaredOptional(needs, noCapabilities);
    const held =
      level === "SHALL" && optional.length > 0
        ? `SHALL (SHOULD if the target does not declare ${optional.join(", ")})`
        : level;
    const skip = skipReason(loaded, { config, declared: noCapabilities });
    for (const format of config.formats) {
      if (loaded.fixture.formats && !loaded.fixture.formats.includes(format)) continue;
      if (skip) skipped++;
      lines.push(
        `${loaded.id} [${format}]  ${held}  ${requirements.join(", ")}${skip ? `  SKIPPED: ${skip}` : ""}`,
      );
    }
  }
  lines.push(
    `${lines.length} checks on ${config.environment}: ${lines.length - skipped} would run, ${skipped} would be skipped.`,
  );
  return `${lines.join("\n")}\n`;
}
