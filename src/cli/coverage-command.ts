import { join } from "node:path";
import { Command } from "commander";
import { loadSuiteFixtures, suiteNames } from "../fixture-files/index.js";
import {
  faultModeGaps,
  readRequirements,
  renderCoverage,
  requirementCoverage,
  unknownCitations,
} from "../report/index.js";
import { FAULTS } from "../sandbox/index.js";
import { ExitCode } from "./exit-codes.js";
import { FIXTURES_DIR, PROJECT_ROOT } from "./preflight.js";

export function coverageCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("coverage")
    .description(
      "Show each requirement of the contract with the checks that verify it and the sandbox fault modes that break it; list the gaps.",
    )
    .option("--json", "print the coverage as JSON")
    .addHelpText(
      "after",
      "\nExit codes: 0 every requirement is verified (or says what verifies it instead) and every SHALL the fixtures check has a fault mode; 1 otherwise (a gap, or a fixture or fault mode citing an unknown requirement).",
    )
    .action((flags: { json?: boolean }) => {
      const requirements = readRequirements(join(PROJECT_ROOT, "suites", "requirements.csv"));
      const citations = suiteNames(FIXTURES_DIR)
        .flatMap((suite) => loadSuiteFixtures(FIXTURES_DIR, suite))
        .map((loaded) => ({ id: loaded.id, requirements: loaded.fixture.requirements }));
      const faults = Object.entries(FAULTS).map(([name, fault]) => ({
        name,
        requirement: fault.requirement,
      }));
      const coverage = requirementCoverage(requirements, citations, faults);
      const unknown = [
        ...unknownCitations(requirements, citations),
        ...unknownCitations(
          requirements,
          faults.map((fault) => ({
            id: `fault mode ${fault.name}`,
            requirements: [fault.requirement],
          })),
        ),
      ];
      const gaps = faultModeGaps(coverage);
      if (flags.json)
        process.stdout.write(
          `${JSON.stringify({ coverage, faultModeGaps: gaps.map((entry) => entry.key), unknownCitations: unknown }, null, 2)}\n`,
        );
      else
        process.stdout.write(
          `${renderCoverage(coverage)}${unknown.map((line) => `unknown requirement: ${line}\n`).join("")}`,
        );
      const unexplained = coverage.filter(
        (entry) => entry.verifiedBy.length === 0 && entry.verifiedElsewhere === "",
      );
      const complete = unexplained.length === 0 && unknown.length === 0 && gaps.length === 0;
      setExitCode(complete ? ExitCode.Passed : ExitCode.Failed);
    });
}
