import { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { brokerSettings, canIDeploy, pacticipantVersion, pactNames } from "../pact/index.js";
import { ExitCode } from "./exit-codes.js";
import { type PactFlags, redactBrokerOutput } from "./pact-shared.js";

/** `pact can-i-deploy`: the release gate, as the Pact Broker answers it. */
export function pactCanIDeployCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("can-i-deploy")
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
    .action(async (flags: PactFlags) => setExitCode(await canIDeployTo(flags)));
}

async function canIDeployTo(flags: PactFlags): Promise<ExitCode> {
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
  return result.ok ? ExitCode.Passed : answered ? ExitCode.Failed : ExitCode.CouldNotRun;
}
