import { createRequire } from "node:module";
import type HolidaysClass from "date-holidays";

/**
 * date-holidays is loaded when a run asks about a date: every process that loads the config
 * (the CLI, each suite worker) paid for its hundred modules, and a sandbox run never asks.
 */
const loadHolidays = (): typeof HolidaysClass => createRequire(import.meta.url)("date-holidays");

/**
 * The hours the NDOP API is supported (contract section 1): a bronze service, 08:00 to 18:00
 * Europe/London, Monday to Friday, except bank holidays in England and Wales. Outside them Spine's
 * test environments may be down for maintenance, and a failure there says nothing about conformance.
 */
export const SERVICE_HOURS = {
  timeZone: "Europe/London",
  opensAtMinute: 8 * 60,
  closesAtMinute: 18 * 60,
  description:
    "08:00 to 18:00 UK time, Monday to Friday, except bank holidays in England and Wales",
} as const;

export type ServiceHoursVerdict = { open: true } | { open: false; reason: string };

/** The closed days of the week, by the short name Intl gives them. */
const WEEKEND: Readonly<Record<string, string>> = { Sat: "Saturday", Sun: "Sunday" };

/** Whether the API is inside its supported hours at `at`, and if not, why. */
export function serviceHoursAt(at: Date): ServiceHoursVerdict {
  const local = londonClock(at);
  const weekendDay = WEEKEND[local.weekday];
  if (weekendDay !== undefined) return { open: false, reason: `it is ${weekendDay} in the UK` };
  const holiday = bankHoliday(at);
  if (holiday) return { open: false, reason: `it is a bank holiday (${holiday})` };
  if (local.minute < SERVICE_HOURS.opensAtMinute || local.minute >= SERVICE_HOURS.closesAtMinute) {
    return { open: false, reason: `it is ${local.time} UK time` };
  }
  return { open: true };
}

/**
 * England and Wales share one list of bank holidays; date-holidays keeps it (and its substitutes).
 * Built on each call: a run asks once, and a list kept between calls would hide a wrong one from
 * every test but the first.
 */
function bankHoliday(at: Date): string | undefined {
  const Holidays = loadHolidays();
  // Without types, or with none, date-holidays adds England's observances: all on a Sunday (Mother's
  // Day, Easter Sunday, Father's Day), closed anyway.
  // Stryker disable next-line ObjectLiteral: observances fall on Sundays (above)
  const found = new Holidays("GB", "ENG", {
    // Stryker disable next-line ArrayDeclaration: observances fall on Sundays (above)
    types: [
      "public",
      // Stryker disable next-line StringLiteral: date-holidays types no day in England "bank" (all are "public"); asked for so that one would count
      "bank",
    ],
  }).isHoliday(at);
  // Stryker disable next-line StringLiteral: England never has two bank holidays on one day, so the separator is never seen
  return found ? found.map((holiday) => holiday.name).join(", ") : undefined;
}

/** The wall clock in London: weekday ("Mon"), minutes since midnight, and "HH:MM". */
function londonClock(at: Date): { weekday: string; minute: number; time: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: SERVICE_HOURS.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  // formatToParts always gives the weekday, hour and minute asked for.
  const part = Object.fromEntries(parts.map((each) => [each.type, each.value]));
  return {
    weekday: `${part.weekday}`,
    minute: Number(part.hour) * 60 + Number(part.minute),
    time: `${part.hour}:${part.minute}`,
  };
}
