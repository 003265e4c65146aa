import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The CLI a checkout's build runs (package.json's bin): the bundle, or, in a checkout built before
 * there was one (a `bench:run -- --against` baseline), tsc's output.
 */
export function builtCli(checkout: string): string {
  const bundled = join(checkout, "dist/bundle/main.js");
  return existsSync(bundled) ? bundled : join(checkout, "dist/cli/main.js");
}
