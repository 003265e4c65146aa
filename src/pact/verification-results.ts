import { readFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

/** One verified interaction, named by the consumer whose pact holds it. */
export interface InteractionResult {
  consumer: string;
  description: string;
  passed: boolean;
  /** Failed in a pact the Broker marks pending: reported, but it does not fail the run. */
  pending: boolean;
  mismatch?: string;
}

/** A consumer's counts: every interaction is counted once, as passed, failed or pending. */
export interface ConsumerTally {
  consumer: string;
  passed: number;
  failed: number;
  pending: number;
}

interface VerifierError {
  interaction: string;
  mismatch?: { message?: string; mismatches?: { mismatch?: string; description?: string }[] };
}

interface VerifierReport {
  errors: VerifierError[];
  pendingErrors?: VerifierError[];
  interactionResults: { description: string; result: string }[];
  output?: string[];
}

const UNKNOWN_CONSUMER = "(unknown consumer)";

/**
 * The verifier ends its report with JSON: `{"errors": [...], "interactionResults": [...]}`. Its
 * results carry no consumer, but they come in the order of its `output`, where each pact starts
 * with the heading "Verifying a pact between <consumer> and <provider>": each result takes the
 * consumer of the pact its description appears under. Failures of pending pacts are in `pendingErrors`.
 */
export function interactionResults(output: string): InteractionResult[] {
  const report = verifierReport(output);
  if (!report) return [];
  const pacts = pactOfEach(report);
  return report.interactionResults.map(({ description, result }, index) => {
    const pact = pacts[index];
    const passed = result === "OK";
    // Errors name "<pact heading>[ Given <states>] - <description>".
    const named = (error: VerifierError) =>
      pact !== undefined &&
      error.interaction.startsWith(`${pact.heading} `) &&
      error.interaction.endsWith(` - ${description}`);
    const pendingError = passed ? undefined : report.pendingErrors?.find(named);
    const error = pendingError ?? (passed ? undefined : report.errors.find(named));
    const mismatch = error?.mismatch?.mismatches
      ?.map((entry) => entry.mismatch ?? entry.description)
      .filter(Boolean)
      .join("; ");
    return {
      consumer: pact?.consumer ?? UNKNOWN_CONSUMER,
      description,
      passed,
      pending: pendingError !== undefined,
      ...(mismatch ? { mismatch } : {}),
    };
  });
}

/**
 * The verifier's failures that belong to no interaction, such as a pact that could not be
 * loaded: the other pacts are still verified, so these must fail the run on their own.
 */
export function verifierFailures(output: string): string[] {
  return (verifierReport(output)?.errors ?? [])
    .filter((error) => !error.interaction.startsWith("Verifying a pact between "))
    .map((error) =>
      stripVTControlCharacters(
        error.mismatch?.message
          ? `${error.interaction}: ${error.mismatch.message}`
          : error.interaction,
      ),
    );
}

function verifierReport(output: string): VerifierReport | undefined {
  const start = output.lastIndexOf('{"errors"');
  if (start === -1) return undefined;
  try {
    return JSON.parse(output.slice(start)) as VerifierReport;
  } catch {
    return undefined;
  }
}

const HEADING = /^Verifying a pact between (.+?) and .+$/;

function pactOfEach(report: VerifierReport): ({ heading: string; consumer: string } | undefined)[] {
  const lines = (report.output ?? [])
    .flatMap((line) => line.split("\n"))
    .map((line) => stripVTControlCharacters(line).trim());
  let pact: { heading: string; consumer: string } | undefined;
  let at = 0;
  return report.interactionResults.map(({ description }) => {
    for (; at < lines.length; at += 1) {
      const line = lines[at] ?? "";
      const heading = HEADING.exec(line);
      if (heading?.[1]) pact = { heading: line, consumer: heading[1] };
      else if (line.startsWith(`${description} (`) && line.endsWith(" verification)")) {
        at += 1;
        return pact;
      }
    }
    return undefined;
  });
}

/** Counts by consumer, in the order the consumers were verified. */
export function tallyByConsumer(results: InteractionResult[]): ConsumerTally[] {
  const tallies = new Map<string, ConsumerTally>();
  for (const { consumer, passed, pending } of results) {
    const tally = tallies.get(consumer) ?? { consumer, passed: 0, failed: 0, pending: 0 };
    if (passed) tally.passed += 1;
    else if (pending) tally.pending += 1;
    else tally.failed += 1;
    tallies.set(consumer, tally);
  }
  return [...tallies.values()];
}

/** A pact as verified: its consumer and interactions (a local file, or the broker's copy). */
export interface PactDocument {
  consumer?: { name?: string };
  interactions?: ({ description?: string } & Record<string, unknown>)[];
}

/** The interaction itself, from its consumer's pact: what a report attaches, not the whole pact. */
export function pactInteraction(
  pacts: PactDocument[],
  consumer: string,
  description: string,
): Record<string, unknown> | undefined {
  return pacts
    .filter((pact) => pact.consumer?.name === consumer)
    .flatMap((pact) => pact.interactions ?? [])
    .find((interaction) => interaction.description === description);
}

/** The local pact files, read; one that cannot be read is left out (the verifier reports it). */
export function readPactDocuments(files: string[]): PactDocument[] {
  return files.flatMap((file) => {
    try {
      return [JSON.parse(readFileSync(file, "utf8")) as PactDocument];
    } catch {
      return [];
    }
  });
}
