#!/usr/bin/env node
import { wantsColour } from "./output.js";
import { runCli } from "./program.js";

// vitest's colours (tinyrainbow) ignore whether stdout is a terminal; settle it once, before any
// command loads vitest, so piped and CI logs stay plain and FORCE_COLOR still works.
if (wantsColour(process.env, process.stdout.isTTY === true)) process.env.FORCE_COLOR ??= "1";
else process.env.NO_COLOR = "1";

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug gets here: say so plainly, without a stack trace, and exit 2.
    process.stderr.write(
      `ndop-conformance: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
