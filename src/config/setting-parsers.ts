import { existsSync } from "node:fs";
import type { SettingName } from "./settings.js";
import { FORMER_INTERACTION_NAMES, INTERACTIONS, type Interaction } from "./spine.js";

/** A setting's value as resolved from every source, or undefined when none gives it. */
export type SettingLookup = (name: SettingName) => string | undefined;

export type Format = "json" | "xml";

/** A path setting: kept under `key`, with a problem when the file does not exist. */
export function fileSetting(
  name: SettingName,
  value: string | undefined,
  key: string,
  problems: string[],
): Record<string, string> {
  if (value === undefined) return {};
  if (!existsSync(value)) problems.push(`${name} names ${value}, which does not exist.`);
  return { [key]: value };
}

export function booleanSetting(
  name: SettingName,
  value: string | undefined,
  fallback: boolean,
  problems: string[],
): boolean {
  if (value === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  problems.push(`${name} "${value}" is not true or false.`);
  return fallback;
}

export function numberSetting(
  name: SettingName,
  value: string | undefined,
  fallback: number,
  minimum: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  // Plain decimal digits only: Number() would read " " as 0, "0x10" as 16 and "1e3" as 1000.
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < minimum) {
    problems.push(`${name} "${value}" is not a whole number of at least ${minimum}.`);
    return fallback;
  }
  return number;
}

export function listSetting(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function formatsOf(value: string, problems: string[]): Format[] {
  if (value === "both") return ["json", "xml"];
  if (value === "json" || value === "xml") return [value];
  problems.push(`NDOP_FORMAT (--format) "${value}" is not json, xml or both.`);
  return ["json", "xml"];
}

export function updateUnknownId(value: string | undefined, problems: string[]): 404 | 405 {
  if (value === undefined || value === "404") return 404;
  if (value === "405") return 405;
  problems.push(`NDOP_EXPECT_UPDATE_UNKNOWN_ID "${value}" is not 404 or 405.`);
  return 404;
}

export function interactionIds(
  value: string | undefined,
  problems: string[],
): Partial<Record<Interaction, string>> {
  const ids: Partial<Record<Interaction, string>> = {};
  for (const pair of listSetting(value)) {
    const [name, id] = pair.split("=").map((part) => part.trim());
    const interactions = name ? interactionsNamed(name) : [];
    if (!id || interactions.length === 0) {
      problems.push(
        `NDOP_INTERACTION_IDS entry "${pair}" is not interaction=id (${INTERACTIONS.join(", ")}; formerly ${Object.keys(FORMER_INTERACTION_NAMES).join(", ")}).`,
      );
      continue;
    }
    for (const interaction of interactions) ids[interaction] = id;
  }
  return ids;
}

/** The interactions a setting's name stands for: its own, or those of a former name. */
function interactionsNamed(name: string): readonly Interaction[] {
  if ((INTERACTIONS as readonly string[]).includes(name)) return [name as Interaction];
  if (!Object.hasOwn(FORMER_INTERACTION_NAMES, name)) return [];
  // Stryker disable next-line ArrayDeclaration: never reached, Object.hasOwn has just found the name
  return FORMER_INTERACTION_NAMES[name] ?? [];
}

export function isUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
