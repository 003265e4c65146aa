import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const HOOKS = `
import { appendFileSync } from "node:fs";
let file;
export function initialize(data) { file = data.file; }
export async function load(url, context, next) {
  appendFileSync(file, url + "\\n");
  return next(url, context);
}`;

/**
 * A module hook for a real process: `nodeArgs` go before the script, and `loaded()` then lists
 * the URL of every ES module it loaded, in order (CommonJS requires are not seen).
 */
export function moduleLog(): { nodeArgs: string[]; loaded: () => string[] } {
  const folder = mkdtempSync(join(tmpdir(), "ndop-modules-"));
  const loaded = join(folder, "loaded.txt");
  const hooks = join(folder, "hooks.mjs");
  const register = join(folder, "register.mjs");
  writeFileSync(loaded, "");
  writeFileSync(hooks, HOOKS);
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { file: ${JSON.stringify(loaded)} } });\n`,
  );
  return {
    nodeArgs: ["--import", pathToFileURL(register).href],
    loaded: () => readFileSync(loaded, "utf8").trim().split("\n"),
  };
}
