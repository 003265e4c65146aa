import { Option } from "commander";
import { ENVIRONMENT_NAMES, type SettingName } from "../config/index.js";

/** The target flags every command that talks to an environment shares. */
export interface TargetFlags {
  env?: string;
  baseUrl?: string;
  suite?: string;
  format?: string;
  reportsDir?: string;
  profilesDir?: string;
}

export const environmentOption = () =>
  new Option("--env <name>", "target environment").choices([...ENVIRONMENT_NAMES]);

/** Flags to settings: they take precedence over the environment, .env and .env.<env>. */
export function targetSettings(flags: TargetFlags): Partial<Record<SettingName, string>> {
  const settings: Partial<Record<SettingName, string>> = {};
  if (flags.env) settings.NDOP_ENV = flags.env;
  if (flags.baseUrl) settings.NDOP_BASE_URL = flags.baseUrl;
  if (flags.suite) settings.NDOP_SUITES = flags.suite;
  if (flags.format) settings.NDOP_FORMAT = flags.format;
  if (flags.reportsDir) settings.NDOP_REPORTS_DIR = flags.reportsDir;
  if (flags.profilesDir) settings.NDOP_PROFILES_DIR = flags.profilesDir;
  return settings;
}
