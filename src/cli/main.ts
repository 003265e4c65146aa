#!/usr/bin/env node
import module from "node:module";
import { tuneJitFor } from "./jit-tuning.js";

/**
 * Node 22.1 and later keep V8's compiled code of the CLI's and vitest's modules between runs
 * (on disk, in the system's temporary folder); NODE_COMPILE_CACHE passes it on to the suite
 * worker vitest starts. Node 20 has no such cache, so nothing changes there.
 */
const compileCache = module as {
  enableCompileCache?: () => unknown;
  getCompileCacheDir?: () => string | undefined;
};
if (typeof compileCache.enableCompileCache === "function") {
  compileCache.enableCompileCache();
  const folder = compileCache.getCompileCacheDir?.();
  if (folder) process.env.NODE_COMPILE_CACHE ??= folder;
}

// Before any command's module loads, so that all of them are compiled with it (jit-tuning.ts).
tuneJitFor(process.argv[2]);

// Loaded after the cache is on, so the CLI's own modules are cached too.
const { wantsColour } = await import("./output.js");
const { runCli } = await import("./program.js");

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
