import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-object.js";
import { checkConsentRules, NDOP_CONSENT_PROFILE } from "./ndop-rules.js";

/** The rule issues for a Consent that breaks nothing but, perhaps, its dateTime. */
function dateTimeIssues(dateTime: string): string[] {
  const consent: JsonObject = {
    resourceType: "Consent",
    meta: { profile: [NDOP_CONSENT_PROFILE] },
    dateTime,
    consentingParty: [],
    extension: [],
  };
  return checkConsentRules(consent, "C")
    .filter((issue) => issue.ruleId !== "ndop-consenter-xor-proxy")
    .map((issue) => `${issue.code} ${issue.ruleId} ${issue.location}: ${issue.message}`);
}

const refusal = (value: string) => [
  `value ndop-datetime C.dateTime: dateTime ${JSON.stringify(value)} must be a full date, time with seconds, and timezone, e.g. 2017-12-14T11:15:33+00:00.`,
];

const two = (value: number) => String(value).padStart(2, "0");

describe("ndop-datetime: a full date, time with seconds, and timezone (contract section 7)", () => {
  it.each([
    "2017-01-01T00:00:00Z",
    "2017-09-09T09:09:09+09:09",
    "2017-05-31T23:59:60-13:59",
    "2017-12-30T11:15:33.5+10:00",
    "2017-10-10T11:15:33+14:00",
    "2017-10-20T11:15:33-12:30",
  ])("accepts %s", (value) => {
    expect(dateTimeIssues(value)).toEqual([]);
  });

  it.each([
    "2017-00-14T11:15:33+00:00",
    "2017-13-14T11:15:33+00:00",
    "2017-12-00T11:15:33+00:00",
    "2017-12-32T11:15:33+00:00",
    "2017-12-39T11:15:33+00:00",
    "2017-12-14T24:00:00+00:00",
    "2017-12-14T11:15:33+15:00",
    "2017-12-14T11:15:33+14:30",
    "2017-12-14T11:15:33+1a:00",
    "x2017-12-14T11:15:33+00:00",
    "2017-12-14T11:15:33+00:00x",
    "2017-12-14T11:15:33+00:00\n",
    "2017-12-14T11:45+00:00",
  ])("refuses %s with the rule's message", (value) => {
    expect(dateTimeIssues(value)).toEqual(refusal(value));
  });

  const field = (max: number) => fc.integer({ min: 0, max });
  test.prop([
    field(19),
    field(39),
    field(25),
    field(59),
    field(61),
    fc.constantFrom("+", "-"),
    field(19),
    field(59),
  ])(
    "judges every month, day, hour and offset as FHIR's ranges do",
    (month, day, hour, minute, second, sign, offsetHour, offsetMinute) => {
      const value = `2020-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${sign}${two(offsetHour)}:${two(offsetMinute)}`;
      const valid =
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= 31 &&
        hour <= 23 &&
        second <= 60 &&
        (offsetHour <= 13 || (offsetHour === 14 && offsetMinute === 0));
      expect(dateTimeIssues(value)).toEqual(valid ? [] : refusal(value));
    },
  );
});
