import { createRequire } from "node:module";
import type { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { ExitCode } from "./exit-codes.js";
import { formatResult } from "./output.js";
import {
  createEngine,
  type FileOptions,
  type FileVerdict,
  validateFile,
} from "./validate-files.js";
import { MAX_JOBS, validateInWorkers } from "./validate-jobs.js";

// CommonJS, so loaded with require: imported as ESM, Node would scan its source for exports at
// every start-up, a cost `validate` pays once per file.
const commander = createRequire(import.meta.url)("commander") as typeof import("commander");

const DEFAULT_MAX_MEGABYTES = 10;

interface ValidateFlags extends FileOptions {
  json?: boolean;
  jobs: number;
}

export function validateCommand(setExitCode: (code: ExitCode) => void): Command {
  return new commander.Command("validate")
    .description(
      "Validate FHIR STU3 resources (JSON or XML) against the NDOP profiles and business rules.",
    )
    .argument("<file...>", "resource files to validate (.json or .xml)")
    .option("--profile <url>", "judge every file against this profile instead of its meta.profile")
    .option(
      "--profiles-dir <dir>",
      "load profiles from this directory instead (e.g. NHS-published XML); also NDOP_PROFILES_DIR",
    )
    .option("--json", "print one JSON result per file (one per line)")
    .option(
      "--strict",
      "treat known defects of the published specifications (docs/known-spec-defects.md) as errors, not warnings",
    )
    .addOption(
      new commander.Option("--max-size <megabytes>", "refuse files larger than this")
        .default(DEFAULT_MAX_MEGABYTES)
        .argParser(positiveNumber),
    )
    .addOption(
      new commander.Option(
        "--jobs <count>",
        `judge the files in this many worker threads (1 to ${MAX_JOBS}); the output order is the files' order`,
      )
        .default(1)
        .argParser(jobCount),
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 every file valid, 1 any file invalid, 2 a file could not be read or parsed, or bad arguments.",
    )
    .action(async (files: string[], flags: ValidateFlags) => {
      const verdicts =
        flags.jobs > 1
          ? await validateInWorkers(files, fileOptions(flags), flags.jobs)
          : validateInProcess(files, flags);
      for (const verdict of verdicts) printVerdict(verdict, flags.json === true);
      setExitCode(exitCodeOf(verdicts));
    });
}

/** One engine for every file: its start-up is paid once, however many files are named. */
function validateInProcess(files: string[], flags: ValidateFlags): FileVerdict[] {
  const validator = createEngine(flags);
  return files.map((file) => validateFile(validator, file, flags));
}

/** What a worker needs to judge a file (workerData must be plain data). */
function fileOptions({ profile, profilesDir, strict, maxSize }: ValidateFlags): FileOptions {
  return {
    maxSize,
    ...(profile !== undefined ? { profile } : {}),
    ...(profilesDir !== undefined ? { profilesDir } : {}),
    ...(strict !== undefined ? { strict } : {}),
  };
}

function printVerdict(verdict: FileVerdict, json: boolean): void {
  if (json) {
    const line =
      "error" in verdict
        ? { file: verdict.file, valid: false, parsed: false, error: verdict.error }
        : { file: verdict.file, ...verdict.result };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else if ("error" in verdict) {
    process.stdout.write(`UNREADABLE  ${verdict.error}\n`);
  } else {
    process.stdout.write(`${formatResult(verdict.file, verdict.result)}\n`);
  }
}

function exitCodeOf(verdicts: FileVerdict[]): ExitCode {
  if (verdicts.some((verdict) => "error" in verdict || !verdict.result.parsed))
    return ExitCode.CouldNotRun;
  return verdicts.every((verdict) => "result" in verdict && verdict.result.valid)
    ? ExitCode.Passed
    : ExitCode.Failed;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new ConformanceError(
      "USAGE",
      `--max-size takes a positive number of megabytes, not "${value}".`,
    );
  }
  return number;
}

function jobCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || count < 1 || count > MAX_JOBS) {
    throw new ConformanceError(
      "USAGE",
      `--jobs takes a whole number of worker threads from 1 to ${MAX_JOBS}, not "${value}".`,
    );
  }
  return count;
}
