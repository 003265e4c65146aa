import { Command, CommanderError } from "commander";
import { isConformanceError } from "../errors/index.js";
import { coverageCommand } from "./coverage-command.js";
import { ExitCode } from "./exit-codes.js";
import { fixturesCommand } from "./fixtures-command.js";
import { listCommand } from "./list-command.js";
import { pactCommand } from "./pact-command.js";
import { reportCommand } from "./report-command.js";
import { baselineCommand, runCommand } from "./run-command.js";
import { sandboxCommand } from "./sandbox-command.js";
import { snapshotCommand } from "./snapshot-command.js";
import { systemErrorLine } from "./system-errors.js";
import { validateCommand } from "./validate-command.js";
import { asksForVersion, formatToolVersion, toolVersion } from "./version.js";

/**
 * Runs the CLI and returns its exit code instead of exiting, so tests can drive it in-process
 * and the entry point stays a one-liner.
 */
export async function runCli(argv: string[]): Promise<ExitCode> {
  if (asksForVersion(argv)) {
    process.stdout.write(`ndop-conformance ${formatToolVersion(toolVersion())}\n`);
    return ExitCode.Passed;
  }
  let exitCode: ExitCode = ExitCode.Passed;
  const program = new Command("ndop-conformance")
    .description(
      "Contract and conformance testing for the NHS National Data Opt-out FHIR API (STU3).",
    )
    .option("-V, --version", "print the version and the commit it was built from (any command)")
    // Answered before parsing (asksForVersion); positional, so `pact can-i-deploy --version <v>` keeps its own.
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const setExitCode = (code: ExitCode) => {
    exitCode = code;
  };
  program.addCommand(runCommand(setExitCode).exitOverride());
  program.addCommand(baselineCommand(setExitCode).exitOverride());
  program.addCommand(pactCommand(setExitCode).exitOverride());
  program.addCommand(reportCommand(setExitCode).exitOverride());
  program.addCommand(coverageCommand(setExitCode).exitOverride());
  program.addCommand(fixturesCommand(setExitCode).exitOverride());
  program.addCommand(listCommand(setExitCode).exitOverride());
  program.addCommand(sandboxCommand(setExitCode).exitOverride());
  program.addCommand(snapshotCommand(setExitCode).exitOverride());
  program.addCommand(validateCommand(setExitCode).exitOverride());
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Passed : ExitCode.CouldNotRun;
    }
    if (isConformanceError(error)) {
      process.stderr.write(`ndop-conformance: ${error.message}\n`);
      return ExitCode.CouldNotRun;
    }
    const line = systemErrorLine(error);
    if (line !== undefined) {
      process.stderr.write(`ndop-conformance: ${line}\n`);
      return ExitCode.CouldNotRun;
    }
    throw error;
  }
}
