import { Command } from "commander";
import type { ExitCode } from "./exit-codes.js";
import { pactCanIDeployCommand } from "./pact-can-i-deploy-command.js";
import { pactGenerateCommand } from "./pact-generate-command.js";
import { pactPublishCommand } from "./pact-publish-command.js";
import { pactVerifyCommand } from "./pact-verify-command.js";

/** `pact`: one file per subcommand (generate, verify, publish, can-i-deploy). */
export function pactCommand(setExitCode: (code: ExitCode) => void): Command {
  const pact = new Command("pact").description(
    "Consumer contracts (Pact V4) from the fixtures, provider verification, and the Pact Broker.",
  );
  for (const subcommand of [
    pactGenerateCommand,
    pactVerifyCommand,
    pactPublishCommand,
    pactCanIDeployCommand,
  ])
    pact.addCommand(subcommand(setExitCode).exitOverride());
  return pact;
}
