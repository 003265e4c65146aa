import { createRequire } from "node:module";
import type { Command } from "commander";
import { isConformanceError } from "../errors/index.js";
import { ExitCode } from "./exit-codes.js";
import { systemErrorLine } from "./system-errors.js";
import { asksForVersion, formatToolVersion, toolVersion } from "./version.js";

// CommonJS, so loaded with require: imported as ESM, Node would scan its source for exports at
// every start-up, a cost `validate` pays once per file.
const { Command: CommandClass, CommanderError } = createRequire(import.meta.url)(
  "commander",
) as typeof import("commander");

type CommandFactory = (setExitCode: (code: ExitCode) => void) => Command;

/**
 * Each command's module, loaded only when it is needed: `validate` is run once per file by
 * pre-commit hooks and editors, and must not pay for vitest, pact, undici or SQLite at start-up.
 * The order is the order of the help text.
 */
const COMMANDS: Record<string, () => Promise<CommandFactory>> = {
  run: async () => (await import("./run-command.js")).runCommand,
  baseline: async () => (await import("./run-command.js")).baselineCommand,
  pact: async () => (await import("./pact-command.js")).pactCommand,
  report: async () => (await import("./report-command.js")).reportCommand,
  coverage: async () => (await import("./coverage-command.js")).coverageCommand,
  faults: async () => (await import("./faults-command.js")).faultsCommand,
  variants: async () => (await import("./variants-command.js")).variantsCommand,
  fixtures: async () => (await import("./fixtures-command.js")).fixturesCommand,
  list: async () => (await import("./list-command.js")).listCommand,
  sandbox: async () => (await import("./sandbox-command.js")).sandboxCommand,
  snapshot: async () => (await import("./snapshot-command.js")).snapshotCommand,
  validate: async () => (await import("./validate-command.js")).validateCommand,
};

/** The command named first on the line alone; anything else (help, a typo) needs them all. */
async function commandsFor(argv: string[]): Promise<CommandFactory[]> {
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : undefined;
  const names = named ?? Object.keys(COMMANDS);
  return Promise.all(names.map((name) => (COMMANDS[name] as () => Promise<CommandFactory>)()));
}

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
  const program = new CommandClass("ndop-conformance")
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
  for (const command of await commandsFor(argv))
    program.addCommand(command(setExitCode).exitOverride());
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
