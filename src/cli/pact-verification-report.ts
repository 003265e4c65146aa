import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunConfig } from "../config/index.js";
import type {
  ConsumerTally,
  InteractionResult,
  PactDocument,
  VerifyOutcome,
} from "../pact/index.js";
import { pactInteraction, tallyByConsumer } from "../pact/index.js";
import { writeAllureResult } from "../report/index.js";
import { ExitCode } from "./exit-codes.js";
import { PACT_FEATURE, redactBrokerOutput } from "./pact-shared.js";

export interface VerificationRun {
  config: RunConfig;
  started: number;
  published: "published" | "no broker" | "local pacts";
}

/**
 * Each interaction's result to Allure (filed under its consumer), the terminal and
 * pact-verification.json, with every consumer's counts; the exit code the outcome earns: 1 when
 * an interaction of a pact that is not pending failed.
 */
export function reportVerification(outcome: VerifyOutcome, run: VerificationRun): ExitCode {
  const tallies = tallyByConsumer(outcome.interactions);
  writeAllureResults(outcome, run);
  printVerification(outcome, tallies, run);
  const code = exitCodeOf(outcome, tallies);
  writeSummary(outcome, tallies, run, code);
  if (outcome.interactions.length === 0)
    process.stderr.write(
      outcome.passed
        ? "ndop-conformance: no interaction was left to verify.\n"
        : `${redactBrokerOutput(outcome.output.slice(0, 2000))}\n`,
    );
  return code;
}

/**
 * 2 when nothing was verified; 1 when an interaction of a pact that is not pending failed, or the
 * verifier failed for a reason of its own (a pact it could not load) or no result explains; else 0.
 */
function exitCodeOf(outcome: VerifyOutcome, tallies: ConsumerTally[]): ExitCode {
  if (outcome.interactions.length === 0) return ExitCode.CouldNotRun;
  if (tallies.some((tally) => tally.failed > 0)) return ExitCode.Failed;
  if (outcome.verifierFailures.length > 0) return ExitCode.Failed;
  // Failures of pending pacts alone leave the verifier's verdict a pass: any other "no" counts.
  return outcome.passed ? ExitCode.Passed : ExitCode.Failed;
}

function printVerification(
  outcome: VerifyOutcome,
  tallies: ConsumerTally[],
  { config, started, published }: VerificationRun,
): void {
  const lines: string[] = [];
  for (const { description, reason } of outcome.skipped)
    lines.push(`  SKIPPED ${description}: ${reason}`);
  for (const { consumer, description, mismatch, passed, pending } of outcome.interactions)
    if (!passed)
      lines.push(
        `  ${pending ? "PENDING" : "FAILED"} [${consumer}] ${description}${mismatch ? `: ${mismatch}` : ""}`,
      );
  for (const failure of outcome.stateFailures) lines.push(`  STATE FAILED ${failure}`);
  for (const failure of outcome.verifierFailures) lines.push(`  FAILED ${failure}`);
  const total = (key: "passed" | "failed" | "pending") =>
    tallies.reduce((sum, tally) => sum + tally[key], 0);
  lines.push(
    `Pact verification against ${config.environment}: ${total("passed")} passed, ${total("failed")} failed, ${outcome.skipped.length} skipped, ${total("pending")} pending (${Date.now() - started} ms)`,
  );
  for (const { consumer, passed, failed, pending } of tallies)
    lines.push(
      `  consumer ${consumer}: ${passed} passed, ${failed} failed, ${pending} pending${pending > 0 ? " (a pending pact: its failures do not fail the run)" : ""}`,
    );
  if (published === "no broker")
    lines.push(
      "No Pact Broker configured (PACT_BROKER_BASE_URL): verification results were not published.",
    );
  if (published === "local pacts")
    lines.push(
      "Verification results were not published: the broker receives them only for pacts fetched from it (no --pact).",
    );
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** One Allure result per interaction; the story is its consumer, so the report groups by them. */
function writeAllureResults(outcome: VerifyOutcome, { config, started }: VerificationRun) {
  const resultsDir = join(resolve(config.reportsDir), "allure-results");
  const parameters = [{ name: "environment", value: config.environment }];
  for (const result of outcome.interactions) {
    writeAllureResult(resultsDir, {
      name: result.description,
      status: result.passed ? "passed" : "failed",
      feature: PACT_FEATURE,
      story: result.consumer,
      ...(result.mismatch
        ? { message: result.pending ? `pending pact: ${result.mismatch}` : result.mismatch }
        : {}),
      attachments: [interactionAttachment(result, outcome.pacts)],
      ...(result.pending ? { tags: ["pending"] } : {}),
      parameters,
      start: started,
      stop: Date.now(),
    });
  }
  for (const { consumer, description, reason } of outcome.skipped)
    writeAllureResult(resultsDir, {
      name: description,
      status: "skipped",
      feature: PACT_FEATURE,
      story: consumer,
      message: reason,
      attachments: [],
      parameters,
      start: started,
      stop: Date.now(),
    });
}

/** The interaction as its pact states it, and how the provider's answer differed: not the pact. */
function interactionAttachment(result: InteractionResult, pacts: PactDocument[]) {
  const interaction = pactInteraction(pacts, result.consumer, result.description);
  const content = {
    consumer: result.consumer,
    pending: result.pending,
    ...(result.mismatch ? { mismatch: result.mismatch } : {}),
    interaction: interaction ?? {
      description: result.description,
      note: "the pact came from the Pact Broker: the interaction is there, under this consumer and description",
    },
  };
  return {
    name: `interaction${result.passed ? "" : " and mismatch"}`,
    content: JSON.stringify(content, null, 2),
    type: "application/json",
  };
}

function writeSummary(
  outcome: VerifyOutcome,
  consumers: ConsumerTally[],
  { config }: VerificationRun,
  exitCode: ExitCode,
): void {
  const reportsDir = resolve(config.reportsDir);
  mkdirSync(reportsDir, { recursive: true });
  const summary = {
    environment: config.environment,
    exitCode,
    consumers,
    interactions: outcome.interactions,
    skipped: outcome.skipped,
    stateFailures: outcome.stateFailures,
    verifierFailures: outcome.verifierFailures,
  };
  writeFileSync(
    join(reportsDir, "pact-verification.json"),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
}
