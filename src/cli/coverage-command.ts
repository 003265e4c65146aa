import { join } from "node:path";
import { Command } from "commander";
import { loadSuiteFixtures, suiteNames } from "../fixtures/index.js";
import {
  readRequirements,
  renderCoverage,
  requirementCoverage,
  unknownCitations,
} from "../report/index.js";
import { ExitCode } from "./exit-codes.js";
import { FIXTURES_DIR, PROJECT_ROOT } from "./preflight.js";

export function coverageCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("coverage")
    .description(
      "Show which requirements of the contract the fixtures verify, and which not and why.",
    )
    .option("--json", "print the coverage as JSON")
    .addHelpText(
      "after",
      "\nExit codes: 0 every requirement is verified or says what verifies it instead, 1 otherwise.",
    )
    .action((flags: { json?: boolean }) => {
      const requirements = readRequirements(join(PROJECT_ROOT, "suites", "requirements.csv"));
      const citations = suiteNames(FIXTURES_DIR)
        .flatMap((suite) => loadSuiteFixtures(FIXTURES_DIR, suite))
        .map((loaded) => ({ id: loaded.id, requirements: loaded.fixture.requirements }));
      const coverage = requirementCoverage(requirements, citations);
      const unknown = unknownCitations(requirements, citations);
      if (flags.json)
        process.stdout.write(
          `${JSON.stringify({ coverage, unknownCitations: unknown }, null, 2)}\n`,
        );
      else
        process.stdout.write(
          `${renderCoverage(coverage)}${unknown.map((line) => `unknown requirement: ${line}\n`).join("")}`,
        );
      const unexplained = coverage.filter(
        (entry) => entry.verifiedBy.length === 0 && entry.verifiedElsewhere === "",
      );
      setExitCode(
        unexplained.length === 0 && unknown.length === 0 ? ExitCode.Passed : ExitCode.Failed,
      );
    });
}
