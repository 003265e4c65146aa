import { Command } from "commander";
import { brokerSettings, pacticipantVersion, publishPacts } from "../pact/index.js";
import { ExitCode } from "./exit-codes.js";
import { type PactFlags, pactFiles, pactsDirOf, redactBrokerOutput } from "./pact-shared.js";

/** `pact publish`: the consumer pacts to the Pact Broker; without a broker, nothing to do. */
export function pactPublishCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("publish")
    .description(
      "Publish the consumer pacts to the Pact Broker, with the version and branch (from git or settings).",
    )
    .option("--pacts <dir>", "folder of pact files (default reports/pacts)")
    .action(async (flags: PactFlags) => setExitCode(await publish(flags)));
}

async function publish(flags: PactFlags): Promise<ExitCode> {
  const broker = brokerSettings();
  if (!broker) {
    process.stdout.write(
      "No Pact Broker configured (PACT_BROKER_BASE_URL): publishing skipped; the pacts stay in reports/pacts.\n",
    );
    return ExitCode.Passed;
  }
  const dir = pactsDirOf(flags);
  pactFiles(dir);
  const version = pacticipantVersion();
  const result = publishPacts(dir, broker, version);
  process.stdout.write(`${redactBrokerOutput(result.output)}\n`);
  return result.ok ? ExitCode.Passed : ExitCode.CouldNotRun;
}
