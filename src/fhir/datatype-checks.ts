import type { VisitedElement } from "./element-walker.js";
import type { ValidationIssue } from "./issues.js";
import { isPrimitiveType } from "./type-model.js";

const NUMBER_TYPES = new Set(["integer", "decimal", "unsignedInt", "positiveInt"]);

/**
 * JSON shape checks FHIR.js does not make: it never checks that a string-typed primitive is a
 * JSON string, nor that a single element is not an array, so `"uri": [1]` would pass it.
 */
export function checkJsonDatatype(element: VisitedElement): ValidationIssue | undefined {
  // The location is read only for an issue: spelling it out is most of a check's cost.
  const { value, type } = element;
  if (value === null) {
    return element.multiple && element.primitiveExtras != null
      ? undefined
      : issue(
          element.path,
          "base-datatype",
          "null is not a FHIR value; leave the element out instead.",
        );
  }
  if (Array.isArray(value) && value.length === 0) {
    return issue(
      element.path,
      "json-empty-array",
      `${lastStep(element.path)} is an empty JSON array; leave the element out instead.`,
    );
  }
  if (Array.isArray(value)) {
    return issue(
      element.path,
      "base-cardinality",
      `${lastStep(element.path)} does not repeat here, so it must not be a JSON array.`,
    );
  }
  if (isPrimitiveType(type)) {
    const expected = type === "boolean" ? "boolean" : NUMBER_TYPES.has(type) ? "number" : "string";
    return typeof value === expected
      ? undefined
      : issue(
          element.path,
          "base-datatype",
          `${lastStep(element.path)} is a FHIR ${type}, so it must be a JSON ${expected}, not ${describe(value)}.`,
        );
  }
  return typeof value === "object"
    ? undefined
    : issue(
        element.path,
        "base-datatype",
        `${lastStep(element.path)} is a FHIR ${type}, so it must be a JSON object, not ${describe(value)}.`,
      );
}

function describe(value: unknown): string {
  return typeof value === "string" ? `the string "${value.slice(0, 40)}"` : `a ${typeof value}`;
}

/** The element's name: the path's last step without its list index (`given[1]` is `given`). */
function lastStep(path: string): string {
  const step = path.slice(path.lastIndexOf(".") + 1);
  const bracket = step.indexOf("[");
  return bracket === -1 ? step : step.slice(0, bracket);
}

function issue(location: string, ruleId: string, message: string): ValidationIssue {
  return {
    severity: "error",
    code:
      ruleId === "base-datatype"
        ? "value"
        : ruleId === "json-empty-array"
          ? "invalid"
          : "structure",
    location,
    message,
    ruleId,
    layer: "base",
  };
}
