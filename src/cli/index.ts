/**
 * The ndop-conformance commands (program.ts wires them with commander, importing only the named
 * command's module): run (conformance-run.ts, selection, dry run, service-hours gate, patient
 * budget), list, baseline, report, coverage, validate (--jobs threads: validate-jobs.ts and
 * validate-worker.ts), snapshot, sandbox, fixtures check, and pact with one file per subcommand
 * (pact-<name>-command.ts). Errors become one line and an exit code here (exit-codes.ts).
 */
export { ExitCode } from "./exit-codes.js";
export { runCli } from "./program.js";
