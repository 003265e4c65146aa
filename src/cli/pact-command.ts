import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { NdopValidator } from "../fhir/index.js";
import { writeAllureResult } from "../report/index.js";
import { ExitCode } from "./exit-codes.js";
import {
  loadPact,
  PACT_FEATURE,
  type PactFlags,
  pactFiles,
  pactsDirOf,
  redactBrokerOutput,
} from "./pact-shared.js";
import { pactVerifyCommand } from "./pact-verify-command.js";
import { prepareRun } from "./preflight.js";

export function pactCommand(setExitCode: (code: ExitCode) => void): Command {
  const pact = new Command("pact").description(
    "Consumer contracts (Pact V4) from the fixtures, provider verification, and the Pact Broker.",
  );

  pact
    .command("generate")
    .description(
      "Record the consumer contract: the NDOP client against the Pact mock server, interaction by interaction.",
    )
    .option("--out <dir>", "where to write <consumer>-<provider>.json (default reports/pacts)")
    .action(async (flags: PactFlags) => {
      const { generatePacts, pactNames } = await loadPact();
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
      setExitCode(ExitCode.Passed);
    })
    .exitOverride();

  pact.addCommand(pactVerifyCommand(setExitCode).exitOverride());

  pact
    .command("publish")
    .description(
      "Publish the consumer pacts to the Pact Broker, with the version and branch (from git or settings).",
    )
    .option("--pacts <dir>", "folder of pact files (default reports/pacts)")
    .action(async (flags: PactFlags) => {
      const { brokerSettings, pacticipantVersion, publishPacts } = await loadPact();
      const broker = brokerSettings();
      if (!broker) {
        process.stdout.write(
          "No Pact Broker configured (PACT_BROKER_BASE_URL): publishing skipped; the pacts stay in reports/pacts.\n",
        );
        setExitCode(ExitCode.Passed);
        return;
      }
      const dir = pactsDirOf(flags);
      pactFiles(dir);
      const version = pacticipantVersion();
      const result = publishPacts(dir, broker, version);
      process.stdout.write(`${redactBrokerOutput(result.output)}\n`);
      setExitCode(result.ok ? ExitCode.Passed : ExitCode.CouldNotRun);
    })
    .exitOverride();

  pact
    .command("can-i-deploy")
    .description(
      "Ask the Pact Broker whether a version can be deployed to an environment (the release gate).",
    )
    .requiredOption("--to-environment <env>", "the environment to deploy to")
    .option("--pacticipant <name>", "who is deployed (default: the consumer)")
    .option("--version <version>", "its version (default NDOP_PACT_VERSION or the git commit)")
    .addHelpText(
      "after",
      "\nExit codes: 0 the broker says yes, 1 it says no, 2 no broker configured, unreachable or not answering.",
    )
    .action(async (flags: PactFlags) => {
      const { brokerSettings, canIDeploy, pacticipantVersion, pactNames } = await loadPact();
      const broker = brokerSettings();
      if (!broker)
        throw new ConformanceError(
          "USAGE",
          "can-i-deploy needs a Pact Broker: set PACT_BROKER_BASE_URL (and a token or username/password).",
        );
      const result = canIDeploy(
        flags.pacticipant ?? pactNames().consumer,
        flags.version ?? pacticipantVersion().version,
        flags.toEnvironment as string,
        broker,
      );
      process.stdout.write(`${redactBrokerOutput(result.output)}\n`);
      // The broker's "no" is a verdict (1); failing to reach or ask it is not one (2).
      const answered = result.ok || /computer says no/i.test(result.output);
      if (!answered)
        process.stderr.write(
          "ndop-conformance: can-i-deploy could not ask the Pact Broker (see above): no verdict.\n",
        );
      setExitCode(result.ok ? ExitCode.Passed : answered ? ExitCode.Failed : ExitCode.CouldNotRun);
    })
    .exitOverride();

  return pact;
}
