/** A FHIR resource or element as parsed JSON: the one JSON object type of the project. */
export type JsonObject = Record<string, unknown>;
