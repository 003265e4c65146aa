import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { NdopClient } from "../client/index.js";
import { type RunConfig, redactSecrets, redactUrlCredentials } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";
import { NdopValidator } from "../fhir/index.js";
import { PatientPool } from "../fixtures/index.js";
import type { VerifyOutcome } from "../pact/index.js";
import { writeAllureResult } from "../report/index.js";
import { parseFaults, type RunningSandbox, startSandbox } from "../sandbox/index.js";
import { ExitCode } from "./exit-codes.js";
import { checkReachable, prepareRun } from "./preflight.js";
import { environmentOption, targetSettings } from "./target-options.js";

const FEATURE = "Pact contracts";

/** Pact's native core takes ~0.4 s to load: only the pact commands pay for it. */
const loadPact = () => import("../pact/index.js");

interface PactFlags {
  out?: string;
  env?: string;
  baseUrl?: string;
  pact?: string;
  pacts?: string;
  reportsDir?: string;
  toEnvironment?: string;
  pacticipant?: string;
  version?: string;
}

const pactsDirOf = (flags: PactFlags) =>
  resolve(flags.out ?? flags.pacts ?? join(flags.reportsDir ?? "reports", "pacts"));

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
        feature: FEATURE,
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

  pact
    .command("verify")
    .description(
      "Verify pacts against an environment (default: the embedded sandbox) with the Pact verifier.",
    )
    .addOption(environmentOption())
    .option("--base-url <url>", "FHIR base URL (custom)")
    .option(
      "--pact <file|dir>",
      "pact file or folder (default reports/pacts; with PACT_BROKER_BASE_URL and no --pact, the broker's)",
    )
    .option("--reports-dir <dir>", "where reports go (default reports)")
    .addHelpText(
      "after",
      "\nExit codes: 0 every interaction verified, 1 an interaction failed, 2 verification could not start.",
    )
    .action(async (flags: PactFlags) => {
      const { brokerSettings, pacticipantVersion, pactNames, verifyPacts } = await loadPact();
      const { config } = prepareRun(targetSettings(flags));
      const broker = brokerSettings();
      const pactUrls =
        flags.pact || !broker
          ? pactFiles(resolve(flags.pact ?? join(config.reportsDir, "pacts")))
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
        const names = pactNames();
        const fromBroker = pactUrls.length === 0 && broker !== undefined;
        const outcome = await verifyPacts({
          config,
          pactUrls,
          names,
          client,
          patients: new PatientPool(config, client),
          ...(sandbox ? { sandbox } : {}),
          ...(fromBroker
            ? {
                broker,
                publish: {
                  providerVersion: pacticipantVersion().version,
                  branch: pacticipantVersion().branch,
                },
              }
            : {}),
        });
        const published = !broker ? "no broker" : fromBroker ? "published" : "local pacts";
        setExitCode(reportVerification(outcome, config, pactUrls, started, published));
      } finally {
        await client.close();
        await sandbox?.close();
      }
    })
    .exitOverride();

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

/** Each interaction's result to Allure and the terminal; the exit code the outcome earns. */
function reportVerification(
  outcome: VerifyOutcome,
  config: RunConfig,
  pactUrls: string[],
  started: number,
  published: "published" | "no broker" | "local pacts",
): ExitCode {
  const resultsDir = join(resolve(config.reportsDir), "allure-results");
  const story = `verification against ${config.environment}`;
  const attachments = pactUrls.map((file) => ({
    name: file,
    content: readFileSync(file, "utf8"),
    type: "application/json",
  }));
  for (const { description, passed, mismatch } of outcome.interactions) {
    writeAllureResult(resultsDir, {
      name: description,
      status: passed ? "passed" : "failed",
      feature: FEATURE,
      story,
      ...(mismatch ? { message: mismatch } : {}),
      attachments,
      start: started,
      stop: Date.now(),
    });
  }
  for (const { description, reason } of outcome.skipped) {
    writeAllureResult(resultsDir, {
      name: description,
      status: "skipped",
      feature: FEATURE,
      story,
      message: reason,
      attachments: [],
      start: started,
      stop: Date.now(),
    });
    process.stdout.write(`  SKIPPED ${description}: ${reason}\n`);
  }
  const failures = outcome.interactions.filter((entry) => !entry.passed);
  for (const { description, mismatch } of failures)
    process.stdout.write(`  FAILED ${description}${mismatch ? `: ${mismatch}` : ""}\n`);
  for (const failure of outcome.stateFailures) process.stdout.write(`  STATE FAILED ${failure}\n`);
  process.stdout.write(
    `Pact verification against ${config.environment}: ${outcome.interactions.length - failures.length} passed, ${failures.length} failed, ${outcome.skipped.length} skipped (${Date.now() - started} ms)\n`,
  );
  if (published === "no broker")
    process.stdout.write(
      "No Pact Broker configured (PACT_BROKER_BASE_URL): verification results were not published.\n",
    );
  if (published === "local pacts")
    process.stdout.write(
      "Verification results were not published: the broker receives them only for pacts fetched from it (no --pact).\n",
    );
  if (outcome.interactions.length === 0) {
    process.stderr.write(
      outcome.passed
        ? "ndop-conformance: no interaction was left to verify.\n"
        : `${redactBrokerOutput(outcome.output.slice(0, 2000))}\n`,
    );
    return ExitCode.CouldNotRun;
  }
  return outcome.passed ? ExitCode.Passed : ExitCode.Failed;
}

/** A broker's reply may echo what it was sent: no token, password or URL credential is printed. */
function redactBrokerOutput(output: string): string {
  return redactUrlCredentials(redactSecrets(output, process.env));
}

/** The pact files at a path (a file, or the .json files of a folder); none is an error (exit 2). */
function pactFiles(path: string): string[] {
  if (!existsSync(path))
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `No pact at ${path}: run ndop-conformance pact generate first, or give --pact.`,
      { path },
    );
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith(".json"))
        .map((name) => join(path, name))
    : [path];
  if (files.length === 0)
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `${path} holds no pact files: run ndop-conformance pact generate first.`,
      { path },
    );
  return files;
}
