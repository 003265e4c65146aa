import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ResolvedConfig, resolveConfig, type SettingName } from "../config/index.js";

/** A fresh folder holding the given files (e.g. `.env`, `.env.dev`, a certificate). */
export function configFolder(files: Record<string, string> = {}): string {
  const cwd = mkdtempSync(join(tmpdir(), "ndop-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  return cwd;
}

/** Settings resolved from this environment, flags and files, in a fresh folder. */
export function resolveSettings(
  env: Record<string, string>,
  flags: Partial<Record<SettingName, string>> = {},
  files: Record<string, string> = {},
): ResolvedConfig {
  return resolveConfig({ env, cwd: configFolder(files), flags, defaultFixturesDir: "fixtures" });
}
