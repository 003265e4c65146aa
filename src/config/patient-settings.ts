import { ENVIRONMENTS, type EnvironmentName } from "./environments.js";
import { booleanSetting, listSetting, type SettingLookup } from "./setting-parsers.js";

/** NDOP_PATIENTS: required where the target is a Spine environment, whose patients must exist there. */
export function patientsSetting(
  name: EnvironmentName,
  setting: SettingLookup,
  problems: string[],
): string[] {
  const patients = listSetting(setting("NDOP_PATIENTS"));
  // Spine environments need patients that exist there; a custom target gets generated synthetic ones.
  if (ENVIRONMENTS[name].host !== undefined && patients.length === 0) {
    problems.push(
      `NDOP_PATIENTS is required for ${name}: list synthetic test patients (999 range) that exist there.`,
    );
  }
  return patients;
}

/** NDOP_ALLOW_NON_SYNTHETIC as given (Production refuses it: safety-settings.ts). */
export function allowNonSyntheticSetting(setting: SettingLookup, problems: string[]): boolean {
  return booleanSetting(
    "NDOP_ALLOW_NON_SYNTHETIC",
    setting("NDOP_ALLOW_NON_SYNTHETIC"),
    false,
    problems,
  );
}
