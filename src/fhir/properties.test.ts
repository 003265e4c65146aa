import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { writeOrderedFhirXml } from "./element-order.js";
import { isSyntheticNhsNumber, isValidNhsNumber } from "./nhs-number.js";
import { PrimitiveFormats } from "./primitive-formats.js";
import { readResource } from "./resource-reader.js";
import type { TypeModel } from "./type-model.js";

let formats: PrimitiveFormats;
let model: TypeModel;
beforeAll(() => {
  const base = loadBaseDefinitions();
  formats = new PrimitiveFormats(base.primitiveFormats);
  model = base.parser.parsedStructureDefinitions;
});

/** A valid NHS number built independently of the code under test: nine digits and their check. */
const withCheckDigit = (stem: string): string | undefined => {
  const sum = [...stem].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = sum % 11 === 0 ? 0 : 11 - (sum % 11);
  return check === 10 ? undefined : `${stem}${check}`;
};
const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });
const nhsNumber = digits(9)
  .map((stem) => withCheckDigit(stem.join("")))
  .filter((number): number is string => number !== undefined);
/** Valid numbers in and just outside the synthetic 999 range. */
const nearSynthetic = fc
  .tuple(fc.constantFrom("999", "998", "990", "099", "989"), digits(6))
  .map(([prefix, rest]) => withCheckDigit(`${prefix}${rest.join("")}`))
  .filter((number): number is string => number !== undefined);

describe("NHS numbers (Modulus 11)", () => {
  test.prop([nhsNumber])("a generated valid number passes", (number) => {
    expect(isValidNhsNumber(number)).toBe(true);
  });

  test.prop([nearSynthetic])("a valid number is synthetic exactly when it starts 999", (number) => {
    expect(isSyntheticNhsNumber(number)).toBe(number.startsWith("999"));
  });

  // Weights 10..1 are all prime to 11, so any one changed digit breaks the check.
  test.prop([nhsNumber, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 })])(
    "any single-digit change fails",
    (number, position, shift) => {
      const digit = (Number(number[position]) + shift) % 10;
      const changed = `${number.slice(0, position)}${digit}${number.slice(position + 1)}`;
      expect(isValidNhsNumber(changed)).toBe(false);
    },
  );
});

const two = (value: number) => String(value).padStart(2, "0");
const moment = fc.record({
  date: fc.date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2099-12-31T23:59:59Z"),
    noInvalidDate: true,
  }),
  fraction: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
  zone: fc.oneof(
    fc.constant("Z"),
    fc
      .tuple(
        fc.constantFrom("+", "-"),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 59 }),
      )
      .map(([sign, hours, minutes]) => `${sign}${two(hours)}:${two(minutes)}`),
  ),
});
type Moment = { date: Date; fraction: number | undefined; zone: string };
const dayOf = ({ date }: Moment) => date.toISOString().slice(0, 10);
const timeOf = (m: Moment) =>
  `${m.date.toISOString().slice(11, 19)}${m.fraction === undefined ? "" : `.${m.fraction}`}${m.zone}`;
const instant = (m: Moment) => `${dayOf(m)}T${timeOf(m)}`;
const dateTime = fc
  .tuple(moment, fc.integer({ min: 1, max: 4 }))
  .map(
    ([m, precision]) =>
      [instant(m), dayOf(m), dayOf(m).slice(0, 7), dayOf(m).slice(0, 4)][precision - 1] as string,
  );

const valid = (type: string, value: string) => formats.check(type, value, "X")?.ruleId;

/** Each kind of corruption of a full instant, as [name, corrupt]. */
const corruptions: [string, (m: Moment) => string][] = [
  ["month 13", (m) => instant(m).replace(/^(\d{4})-\d\d/, "$1-13")],
  ["month 00", (m) => instant(m).replace(/^(\d{4})-\d\d/, "$1-00")],
  ["day 32", (m) => instant(m).replace(/^(\d{4}-\d\d)-\d\d/, "$1-32")],
  ["hour 24", (m) => instant(m).replace(/T\d\d/, "T24")],
  ["minute 60", (m) => instant(m).replace(/T(\d\d):\d\d/, "T$1:60")],
  ["second 60", (m) => instant(m).replace(/T(\d\d:\d\d):\d\d/, "T$1:60")],
  ["no time zone", (m) => instant(m).replace(/(Z|[+-]\d\d:\d\d)$/, "")],
  ["no seconds", (m) => instant(m).replace(/T(\d\d:\d\d):\d\d(\.\d+)?/, "T$1")],
  ["zone +15:00", (m) => instant(m).replace(/(Z|[+-]\d\d:\d\d)$/, "+15:00")],
  ["space for T", (m) => instant(m).replace("T", " ")],
  ["two-digit year", (m) => instant(m).slice(2)],
  ["trailing text", (m) => `${instant(m)}x`],
  ["empty fraction", (m) => instant(m).replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, ".$2")],
];

describe("FHIR dateTime and instant", () => {
  test.prop([moment])("a generated instant is a valid instant and dateTime", (m) => {
    expect(valid("instant", instant(m))).toBeUndefined();
    expect(valid("dateTime", instant(m))).toBeUndefined();
  });

  test.prop([dateTime])("a generated dateTime of any precision is valid", (value) => {
    expect(valid("dateTime", value)).toBeUndefined();
  });

  test.prop([moment])("an instant needs the full time: a date alone is no instant", (m) => {
    expect(valid("instant", dayOf(m))).toBe("base-format");
  });

  for (const [name, corrupt] of corruptions)
    test.prop([moment])(`a ${name} fails both`, (m) => {
      expect(valid("instant", corrupt(m))).toBe("base-format");
      expect(valid("dateTime", corrupt(m))).toBe("base-format");
    });
});

/** Text FHIR allows (never empty), with the characters XML must escape. */
const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,'&<>"-]{0,20}$/);
const PDS = "https://demographics.spineservices.nhs.uk/STU3/Patient/";
const consent = fc.record(
  {
    resourceType: fc.constant("Consent"),
    id: fc.uuid(),
    meta: fc.record({ versionId: fc.uuid(), lastUpdated: moment.map(instant) }),
    status: fc.constantFrom(
      "draft",
      "proposed",
      "active",
      "rejected",
      "inactive",
      "entered-in-error",
    ),
    patient: nhsNumber.map((number) => ({ reference: `${PDS}${number}` })),
    dateTime: dateTime,
    consentingParty: fc.array(
      fc.record(
        { reference: nhsNumber.map((n) => `${PDS}${n}`), display: text },
        {
          requiredKeys: ["reference"],
        },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    policy: fc.array(fc.record({ uri: fc.webUrl() }), { minLength: 1, maxLength: 2 }),
    purpose: fc.array(
      fc.record({
        system: fc.webUrl(),
        code: fc.stringMatching(/^[A-Za-z0-9]{1,10}$/),
        display: text,
      }),
      { minLength: 1, maxLength: 2 },
    ),
  },
  { requiredKeys: ["resourceType", "status", "patient"] },
);

describe("JSON -> XML -> JSON", () => {
  test.prop([consent])("a generated Consent reads back identical", (resource) => {
    const read = readResource(writeOrderedFhirXml(resource), model);
    expect(read.ok && read.issues).toEqual([]);
    expect(read.ok && read.resource).toEqual(resource);
  });
});
