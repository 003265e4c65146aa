import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import type { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { NdopValidator, type ValidationResult } from "../fhir/index.js";
import { ExitCode } from "./exit-codes.js";
import { formatResult } from "./output.js";

// CommonJS, so loaded with require: imported as ESM, Node would scan its source for exports at
// every start-up, a cost `validate` pays once per file.
const commander = createRequire(import.meta.url)("commander") as typeof import("commander");

const DEFAULT_MAX_MEGABYTES = 10;

interface ValidateFlags {
  profile?: string;
  profilesDir?: string;
  json?: boolean;
  strict?: boolean;
  maxSize: number;
}

type FileVerdict = { file: string; result: ValidationResult } | { file: string; error: string };

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
  const read = readBounded(file, flags.maxSize * 1024 * 1024);
  if (typeof read === "string") return { file, error: read };
  const extension = extname(file).toLowerCase();
  const format = extension === ".json" ? "json" : extension === ".xml" ? "xml" : undefined;
  const result = validator.validate(read, {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(format ? { format } : {}),
    ...(flags.strict ? { strict: true } : {}),
  });
  return { file, result };
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * The file's bytes, or why they cannot be judged. Only a regular file is read (a FIFO would block
 * for ever, a device such as /dev/zero never ends), and the size is found by reading at most one
 * byte past the limit, not from `stat`, which a growing file or a special file would defeat.
 */
function readBounded(file: string, limit: number): Buffer | string {
  let descriptor: number | undefined;
  try {
    const kind = describeSpecial(statSync(file));
    if (kind !== undefined)
      return `${file} is ${kind}, not a regular file; only files are validated.`;
    // O_NONBLOCK: if the path was swapped for a FIFO after the check, opening it cannot hang.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const swapped = describeSpecial(fstatSync(descriptor));
    if (swapped !== undefined)
      return `${file} is ${swapped}, not a regular file; only files are validated.`;
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      const count = readSync(descriptor, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
    }
    if (total > limit)
      return `${file} is over the ${flags(limit)} MB limit (--max-size); it was not read further.`;
    return Buffer.concat(chunks, total);
  } catch (error) {
    return `${file} cannot be read: ${describeReadError(error)}.`;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function flags(limit: number): string {
  return String(Math.round((limit / 1024 / 1024) * 100) / 100);
}

function describeSpecial(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "too many symbolic links";
  return (error as Error).message;
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
