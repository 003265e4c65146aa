import { isProductionTarget, mayWrite, writesConfirmed } from "../safety/index.js";
import type { EnvironmentName } from "./environments.js";
import type { SettingLookup } from "./setting-parsers.js";

/** NDOP_ALLOW_PRODUCTION_WRITES as given; anything but the exact sentence is a problem. */
export function productionConfirmation(
  setting: SettingLookup,
  problems: string[],
): string | undefined {
  const confirmation = setting("NDOP_ALLOW_PRODUCTION_WRITES");
  if (confirmation !== undefined && !writesConfirmed(confirmation)) {
    problems.push(
      "NDOP_ALLOW_PRODUCTION_WRITES does not match the confirmation sentence in the README, so it is refused.",
    );
  }
  return confirmation;
}

/** Cases that write may run: always outside Production; there only when confirmed (src/safety). */
export function writesAllowed(
  name: EnvironmentName,
  baseUrl: string,
  confirmation: string | undefined,
): boolean {
  return mayWrite({ environment: name, productionWriteConfirmation: confirmation }, baseUrl);
}

/** Only synthetic test patients are ever used in Production: the override is refused there. */
export function nonSyntheticProblems(
  name: EnvironmentName,
  baseUrl: string,
  allowNonSynthetic: boolean,
): string[] {
  return allowNonSynthetic && isProductionTarget(name, baseUrl)
    ? [
        "NDOP_ALLOW_NON_SYNTHETIC is refused for Production (prod, or a Production host): only synthetic test patients are ever used there.",
      ]
    : [];
}
