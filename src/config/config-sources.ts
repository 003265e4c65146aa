import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { type EnvironmentName, isEnvironmentName } from "./environments.js";
import type { SettingLookup } from "./setting-parsers.js";
import { SETTINGS, type SettingName } from "./settings.js";

export interface ConfigSources {
  /** The project's own fixtures folder, used unless NDOP_FIXTURES_DIR names another. */
  defaultFixturesDir: string;
  /** Process environment (lowest precedence). */
  env: Record<string, string | undefined>;
  /** Folder holding .env and .env.<environment>. */
  cwd: string;
  /** CLI flags by setting name (highest precedence). */
  flags: Partial<Record<SettingName, string>>;
}

/** Every setting's value, where it came from, and the environment they name. */
export interface LayeredSettings {
  name: EnvironmentName;
  setting: SettingLookup;
  sources: Partial<Record<SettingName, string>>;
}

/**
 * Settings from the environment, then `.env`, then `.env.<environment>`, then CLI flags, each
 * overriding the one before; problems reading them are added to `problems`.
 */
export function layerSettings(
  { env, cwd, flags }: Omit<ConfigSources, "defaultFixturesDir">,
  problems: string[],
): LayeredSettings {
  const sources: Partial<Record<SettingName, string>> = {};
  const values: Partial<Record<SettingName, string>> = {};
  const layer = (from: Record<string, string | undefined>, label: string) => {
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const value = from[name];
      if (value !== undefined && value !== "") {
        values[name] = value;
        sources[name] = label;
      }
    }
  };
  layer(env, "environment");
  layer(readDotenv(join(cwd, ".env"), problems), ".env");
  // A base URL with no environment named means that URL (custom), never the embedded sandbox.
  const environment =
    flags.NDOP_ENV ??
    values.NDOP_ENV ??
    (flags.NDOP_BASE_URL !== undefined || values.NDOP_BASE_URL !== undefined
      ? "custom"
      : "sandbox");
  if (isEnvironmentName(environment))
    layer(readDotenv(join(cwd, `.env.${environment}`), problems), `.env.${environment}`);
  layer(flags, "command line");
  if (!isEnvironmentName(environment)) {
    problems.push(
      `NDOP_ENV (--env) "${environment}" is not an environment: use sandbox, dev, int, dep, prod or custom.`,
    );
  }
  const name: EnvironmentName = isEnvironmentName(environment) ? environment : "sandbox";
  return { name, setting: (each) => values[each], sources };
}

function readDotenv(file: string, problems: string[]): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    return parseDotenv(readFileSync(file));
  } catch {
    problems.push(`${file} exists but cannot be read.`);
    return {};
  }
}
