import Holidays from "date-holidays";

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

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** England and Wales share one list of bank holidays; date-holidays keeps it (and its substitutes). */
let bankHolidays: Holidays | undefined;

/** Whether the API is inside its supported hours at `at`, and if not, why. */
export function serviceHoursAt(at: Date): ServiceHoursVerdict {
  const local = londonClock(at);
  if (local.weekday === 0 || local.weekday === 6) {
    return { open: false, reason: `it is ${WEEKDAYS[local.weekday]} in the UK` };
  }
  const holiday = bankHoliday(at);
  if (holiday) return { open: false, reason: `it is a bank holiday (${holiday})` };
  if (local.minute < SERVICE_HOURS.opensAtMinute || local.minute >= SERVICE_HOURS.closesAtMinute) {
    return { open: false, reason: `it is ${local.time} UK time` };
  }
  return { open: true };
}

function bankHoliday(at: Date): string | undefined {
  bankHolidays ??= new Holidays("GB", "ENG", { types: ["public", "bank"] });
  const found = bankHolidays.isHoliday(at);
  return found ? found.map((holiday) => holiday.name).join(", ") : undefined;
}

/** The wall clock in London: weekday (0 = Sunday), minutes since midnight, and "HH:MM". */
function londonClock(at: Date): { weekday: number; minute: number; time: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: SERVICE_HOURS.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string): string => parts.find((each) => each.type === type)?.value ?? "";
  const hour = Number(part("hour"));
  const minute = Number(part("minute"));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(part("weekday"));
  return { weekday, minute: hour * 60 + minute, time: `${part("hour")}:${part("minute")}` };
}
