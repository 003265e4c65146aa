export { ExitCode } from "./exit-codes.js";
export { runCli } from "./program.js";
