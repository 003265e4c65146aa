import { join, resolve } from "node:path";
import { Command } from "commander";
import { NdopClient } from "../client/index.js";
import { PatientPool } from "../fixtures/index.js";
import { brokerSettings, pacticipantVersion, pactNames, verifyPacts } from "../pact/index.js";
import { parseFaults, type RunningSandbox, startSandbox } from "../sandbox/index.js";
import type { ExitCode } from "./exit-codes.js";
import { type PactFlags, pactFiles } from "./pact-shared.js";
import { reportVerification } from "./pact-verification-report.js";
import { checkReachable, prepareRun } from "./preflight.js";
import { environmentOption, targetSettings } from "./target-options.js";

interface VerifyFlags extends Omit<PactFlags, "pact"> {
  pact?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `pact verify`: every pact given (or the broker's), each consumer's results reported apart. */
export function pactVerifyCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("verify")
    .description(
      "Verify pacts against an environment (default: the embedded sandbox) with the Pact verifier.",
    )
    .addOption(environmentOption())
    .option("--base-url <url>", "FHIR base URL (custom)")
    .option(
      "--pact <file|dir>",
      "pact file or folder, repeatable (default reports/pacts; with PACT_BROKER_BASE_URL and no --pact, the broker's)",
      collect,
    )
    .option("--reports-dir <dir>", "where reports go (default reports)")
    .addHelpText(
      "after",
      "\nExit codes: 0 every interaction verified (failures of pending pacts are reported, not counted), 1 an interaction failed, 2 verification could not start.",
    )
    .action(async (flags: VerifyFlags) => setExitCode(await verify(flags)));
}

async function verify(flags: VerifyFlags): Promise<ExitCode> {
  const { config } = prepareRun(targetSettings(flags));
  const broker = brokerSettings();
  const pactUrls =
    flags.pact || !broker
      ? (flags.pact ?? [join(config.reportsDir, "pacts")]).flatMap((path) =>
          pactFiles(resolve(path)),
        )
      : [];
  let sandbox: RunningSandbox | undefined;
  if (config.environment === "sandbox") {
    sandbox = await startSandbox({
      port: 0,
      faults: parseFaults(config.sandbox.faults),
      store: config.sandbox.store,
    });
    config.baseUrl = sandbox.baseUrl;
  } else {
    await checkReachable(config);
  }
  const client = new NdopClient(config);
  const started = Date.now();
  try {
    const fromBroker = pactUrls.length === 0 && broker !== undefined;
    const outcome = await verifyPacts({
      config,
      pactUrls,
      names: pactNames(),
      client,
      patients: new PatientPool(config, client),
      ...(sandbox ? { sandbox } : {}),
      ...(fromBroker ? { broker, publish: publishedAs(pacticipantVersion()) } : {}),
    });
    const published = !broker ? "no broker" : fromBroker ? "published" : "local pacts";
    return reportVerification(outcome, { config, started, published });
  } finally {
    await client.close();
    await sandbox?.close();
  }
}

const publishedAs = ({ version, branch }: { version: string; branch: string }) => ({
  providerVersion: version,
  branch,
});
