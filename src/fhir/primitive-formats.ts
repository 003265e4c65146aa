import type { PrimitiveFormat } from "./base-definitions.js";
import type { VisitedElement } from "./element-walker.js";
import { quote, type ValidationIssue } from "./issues.js";
import type { Located } from "./lazy-location.js";
import { isPrimitiveType } from "./type-model.js";

/**
 * Rules STU3 3.0.1 states on its datatypes page but not as a regex extension in
 * profiles-types.json: instant (a dateTime that must have seconds and a time zone), uri (no
 * whitespace), base64Binary, and string/markdown (never empty, at most 1 MB).
 */
const STATED_ON_DATATYPES_PAGE: Record<string, PrimitiveFormat> = {
  instant: {
    regex:
      "-?[0-9]{4}-(0[1-9]|1[0-2])-(0[0-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))",
  },
  uri: { regex: "\\S*" },
  base64Binary: { regex: "(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+" },
  // Never empty: an empty string is an element without a value, which ele-1 reports.
  string: { maxLength: 1024 * 1024 },
  markdown: { maxLength: 1024 * 1024 },
};

/** STU3's integer is a signed 32-bit number. */
const INTEGER_RANGES: Record<string, [number, number]> = {
  integer: [-2147483648, 2147483647],
  unsignedInt: [0, 2147483647],
  positiveInt: [1, 2147483647],
};

type Check = (value: unknown) => string | undefined;

/** The value checks of every STU3 primitive, compiled once from the definitions. */
export class PrimitiveFormats {
  private readonly checks = new Map<string, Check>();

  constructor(fromDefinitions: Readonly<Record<string, PrimitiveFormat>>) {
    const formats = { ...fromDefinitions };
    for (const [type, stated] of Object.entries(STATED_ON_DATATYPES_PAGE)) {
      formats[type] = { ...stated, ...formats[type] };
    }
    for (const [type, format] of Object.entries(formats)) {
      this.checks.set(type, INTEGER_RANGES[type] ? integerCheck(type) : textCheck(type, format));
    }
    this.checks.set("decimal", decimalCheck);
  }

  /**
   * The element's value rule, for a primitive; an empty string is left to ele-1. Every check
   * passes a value not of its JSON type (null included), which the datatype check reports.
   */
  checkElement(element: VisitedElement): ValidationIssue | undefined {
    const { type, value } = element;
    if (!isPrimitiveType(type) || value === "") return undefined;
    return this.check(type, value, element);
  }

  /**
   * An issue when `value` (already of the right JSON type) breaks its primitive's rule. The
   * location is read only for an issue (a walked element spells it out when asked).
   */
  check(type: string, value: unknown, at: Located | string): ValidationIssue | undefined {
    const problem = this.checks.get(type)?.(value);
    if (problem === undefined) return undefined;
    const path = typeof at === "string" ? at : at.path;
    return {
      severity: "error",
      code: "value",
      location: path,
      message: `${quote(value)} is not a valid FHIR ${type}: ${problem}.`,
      ruleId: "base-format",
      layer: "base",
    };
  }
}

function textCheck(type: string, format: PrimitiveFormat): Check {
  const pattern = format.regex === undefined ? undefined : new RegExp(`^(?:${format.regex})$`);
  const maxLength = format.maxLength;
  return (value) => {
    if (typeof value !== "string") return undefined;
    if (maxLength !== undefined && value.length > maxLength)
      return `it is longer than ${maxLength} characters`;
    if (pattern !== undefined && !pattern.test(value))
      return `it does not match the STU3 pattern ${describe(type, String(format.regex))}`;
    return undefined;
  };
}

function describe(type: string, regex: string): string {
  if (type === "id") return "(1 to 64 of A-Z, a-z, 0-9, '-' and '.')";
  if (type === "instant") return "(date, time with seconds, and a time zone)";
  return `/${regex.length > 60 ? `${regex.slice(0, 60)}…` : regex}/`;
}

function integerCheck(type: string): Check {
  const [low, high] = INTEGER_RANGES[type] as [number, number];
  return (value) => {
    if (typeof value !== "number") return undefined;
    if (!Number.isInteger(value)) return "it is not a whole number";
    return value < low || value > high ? `it is outside ${low} to ${high}` : undefined;
  };
}

function decimalCheck(value: unknown): string | undefined {
  return typeof value === "number" && !Number.isFinite(value) ? "it is not finite" : undefined;
}
