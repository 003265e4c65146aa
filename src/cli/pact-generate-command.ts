import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { NdopValidator } from "../fhir/index.js";
import { generatePacts, pactNames } from "../pact/index.js";
import { writeAllureResult } from "../report/index.js";
import { ExitCode } from "./exit-codes.js";
import { PACT_FEATURE, type PactFlags, pactsDirOf } from "./pact-shared.js";
import { prepareRun } from "./preflight.js";

/** `pact generate`: the consumer contract, recorded against the Pact mock server. */
export function pactGenerateCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("generate")
    .description(
      "Record the consumer contract: the NDOP client against the Pact mock server, interaction by interaction.",
    )
    .option("--out <dir>", "where to write <consumer>-<provider>.json (default reports/pacts)")
    .action(async (flags: PactFlags) => {
      await generate(flags);
      setExitCode(ExitCode.Passed);
    });
}

async function generate(flags: PactFlags): Promise<void> {
  const { config } = prepareRun({});
  const started = Date.now();
  const names = pactNames();
  const pactsDir = pactsDirOf(flags);
  const validator = NdopValidator.create(
    config.profilesDir ? { profilesDir: config.profilesDir } : {},
  );
  const interactions = await generatePacts({
    pactsDir,
    fixturesDir: config.fixturesDir,
    validator,
    names,
  });
  const file = join(pactsDir, `${names.consumer}-${names.provider}.json`);
  writeAllureResult(join(resolve(config.reportsDir), "allure-results"), {
    name: `consumer contract: ${interactions.length} interactions`,
    status: "passed",
    feature: PACT_FEATURE,
    story: "consumer",
    attachments: [
      {
        name: `${names.consumer}-${names.provider}.json`,
        content: readFileSync(file, "utf8"),
        type: "application/json",
      },
    ],
    start: started,
    stop: Date.now(),
  });
  process.stdout.write(
    `Pact: ${interactions.length} interactions recorded in ${file} (${Date.now() - started} ms)\n`,
  );
}
