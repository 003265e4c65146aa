/** A FHIR id (STU3 `id` type, contract section 7): 1 to 64 letters, digits, `-` and `.`. */
export const FHIR_ID_SOURCE = "[A-Za-z0-9\\-.]{1,64}";

/** A whole string that is a FHIR id. */
export const FHIR_ID = new RegExp(`^${FHIR_ID_SOURCE}$`);

/** An ETag naming a version, weak or strong (`W/"3"` or `"3"`); group 1 is the version id. */
export const VERSION_ETAG = /^(?:W\/)?"([^"]+)"$/;

/** The version id an ETag names, or undefined when it is not a version ETag. */
export function versionOfEtag(etag: string | undefined): string | undefined {
  // String(undefined) is "undefined", which has no quotes, so it names no version.
  return VERSION_ETAG.exec(String(etag))?.[1];
}
