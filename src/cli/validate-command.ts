import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { Command, Option } from "commander";
import { ConformanceError } from "../errors/index.js";
import { NdopValidator, type ValidationResult } from "../fhir/index.js";
import { ExitCode } from "./exit-codes.js";
import { formatResult } from "./output.js";

const DEFAULT_MAX_MEGABYTES = 10;

interface ValidateFlags {
  profile?: string;
  profilesDir?: string;
  json?: boolean;
  maxSize: number;
}

type FileVerdict = { file: string; result: ValidationResult } | { file: string; error: string };

export function validateCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("validate")
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
    .addOption(
      new Option("--max-size <megabytes>", "refuse files larger than this")
        .default(DEFAULT_MAX_MEGABYTES)
        .argParser(positiveNumber),
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 every file valid, 1 any file invalid, 2 a file could not be read or parsed, or bad arguments.",
    )
    .action((files: string[], flags: ValidateFlags) => {
      const validator = NdopValidator.create(
        flags.profilesDir ? { profilesDir: flags.profilesDir } : {},
      );
      const verdicts = files.map((file) => validateFile(validator, file, flags));
      for (const verdict of verdicts) printVerdict(verdict, flags.json === true);
      setExitCode(exitCodeOf(verdicts));
    });
}

function validateFile(validator: NdopValidator, file: string, flags: ValidateFlags): FileVerdict {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > flags.maxSize * 1024 * 1024) {
      return {
        file,
        error: `${file} is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${flags.maxSize} MB limit (--max-size).`,
      };
    }
    bytes = readFileSync(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : (error as Error).message;
    return { file, error: `${file} cannot be read: ${reason}.` };
  }
  const extension = extname(file).toLowerCase();
  const format = extension === ".json" ? "json" : extension === ".xml" ? "xml" : undefined;
  const result = validator.validate(bytes, {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(format ? { format } : {}),
  });
  return { file, result };
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
