import { parameterNotSupported, unsupportedMediaType } from "./spine-errors.js";
import type { SpineError } from "./spine-outcome.js";

export type BodyFormat = "json" | "xml";

/** The four FHIR STU3 media types (contract section 4), and their format. */
export const FHIR_MEDIA_TYPES: Readonly<Record<string, BodyFormat>> = {
  "application/fhir+json": "json",
  "application/json+fhir": "json",
  "application/fhir+xml": "xml",
  "application/xml+fhir": "xml",
};

/** `_format` values (section 4) and the media type each one answers with. */
const FORMAT_PARAMETER: Readonly<Record<string, string>> = {
  json: "application/fhir+json",
  xml: "application/fhir+xml",
  "application/json": "application/fhir+json",
  "application/xml": "application/fhir+xml",
  "text/xml": "application/fhir+xml",
  ...Object.fromEntries(Object.keys(FHIR_MEDIA_TYPES).map((type) => [type, type])),
};

/** Plain JSON and XML are taken as FHIR on the way in, as FHIR servers commonly do. */
const ACCEPTED_GENERIC: Readonly<Record<string, BodyFormat>> = {
  "application/json": "json",
  "application/xml": "xml",
  "text/xml": "xml",
};

export interface ResponseType {
  mediaType: string;
  format: BodyFormat;
}

/**
 * The response's media type: `_format` wins over Accept; a FHIR media type in Accept is answered
 * in that very form (a client asking for the legacy `application/json+fhir` gets it back).
 */
export function responseType(
  accept: string | undefined,
  formatParameter: string | undefined,
  honourFormat = true,
): ResponseType | SpineError {
  if (honourFormat && formatParameter !== undefined) {
    const mediaType = FORMAT_PARAMETER[formatParameter.trim().toLowerCase()];
    if (mediaType === undefined) {
      return parameterNotSupported(
        `_format=${formatParameter} is not supported; use json, xml or a FHIR media type.`,
      );
    }
    return { mediaType, format: FHIR_MEDIA_TYPES[mediaType] as BodyFormat };
  }
  // Stryker disable next-line ArrayDeclaration: a fallback range would name no media type, so the default below answers either way.
  for (const range of accept?.split(",") ?? []) {
    const type = bareMediaType(range);
    const fhir = FHIR_MEDIA_TYPES[type];
    if (fhir) return { mediaType: type, format: fhir };
    const generic = ACCEPTED_GENERIC[type];
    if (generic)
      return {
        mediaType: generic === "json" ? "application/fhir+json" : "application/fhir+xml",
        format: generic,
      };
  }
  return { mediaType: "application/fhir+json", format: "json" };
}

/** The format of a request body from its Content-Type; anything else is refused with 415. */
export function requestFormat(contentType: string | undefined): BodyFormat | SpineError {
  const type = bareMediaType(contentType);
  const format = FHIR_MEDIA_TYPES[type] ?? ACCEPTED_GENERIC[type];
  if (format === undefined) {
    return unsupportedMediaType(
      contentType === undefined
        ? "The request has a body but no Content-Type; send application/fhir+json or application/fhir+xml."
        : `Content-Type ${contentType} is not a FHIR media type; send application/fhir+json or application/fhir+xml.`,
    );
  }
  return format;
}

/** A header's media type without its parameters, in lower case ("" when there is no header). */
export function bareMediaType(header: string | undefined): string {
  // Stryker disable next-line StringLiteral: a fallback of any text without ";" is no media type a caller takes, as "" is not.
  const value = header ?? "";
  // split() always gives at least one element.
  return (value.split(";")[0] as string).trim().toLowerCase();
}
