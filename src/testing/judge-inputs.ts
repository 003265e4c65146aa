/**
 * Inputs for the judge-step tests (src/fixtures/judge-step*.test.ts): answers as a server gives
 * them, steps as fixtures declare them, and judgeStep run with the real validator.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ExchangeRecord, NdopResponse } from "../client/index.js";
import type { Format } from "../config/index.js";
import type { JsonObject } from "../fhir/index.js";
import type { FixtureExpectation, FixtureStep } from "../fixture-files/index.js";
import { judgeStep } from "../fixtures/judge-step.js";
import { testValidator } from "./sandbox-client.js";

const VALIDATION = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
export const readJson = (name: string) =>
  JSON.parse(readFileSync(`${VALIDATION}${name}`, "utf8")) as JsonObject;
export const CONSENT = readJson("consent.json");
export const OUTCOME = readJson("operation-outcome.json");
export const JSON_TYPE = { "content-type": "application/fhir+json" };
export const CONSENT_XML =
  '<Consent xmlns="http://hl7.org/fhir"><status value="active"/><patient><reference value="https://demographics.spineservices.nhs.uk/STU3/Patient/9990000018"/></patient></Consent>';

/** A stored Consent as a server answers it: id, version and lastUpdated added. */
export const STORED: JsonObject = {
  ...structuredClone(CONSENT),
  id: "c1",
  meta: { ...(CONSENT.meta as JsonObject), versionId: "2", lastUpdated: "2024-01-01T00:00:00Z" },
};

export const exchange: ExchangeRecord = {
  method: "GET",
  url: "https://127.0.0.1/Consent/c1",
  requestHeaders: {},
  responseHeaders: {},
  responseBody: "",
  durationMs: 0,
  attempts: 1,
};

export function answer(
  status: number,
  body: JsonObject | string = "",
  headers: Record<string, string> = body === "" ? {} : JSON_TYPE,
): NdopResponse {
  return {
    status,
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
    exchange,
  };
}

export function stepOf(expect: FixtureExpectation, fields: Partial<FixtureStep> = {}): FixtureStep {
  return { interaction: "vread", method: "GET", path: "/Consent/c1/_history/2", expect, ...fields };
}

export interface Sending {
  format?: Format;
  sent?: JsonObject;
  variables?: Record<string, unknown>;
}

export function judge(response: NdopResponse, step: FixtureStep, sending: Sending = {}) {
  return judgeStep(
    response,
    {
      step,
      format: sending.format ?? "json",
      sent: sending.sent,
      variables: sending.variables ?? {},
    },
    { validator: testValidator() },
  );
}

export const failuresOf = (response: NdopResponse, step: FixtureStep, sending?: Sending) =>
  judge(response, step, sending).failures;

export function outcomeWith(issue: JsonObject): JsonObject {
  return { resourceType: "OperationOutcome", issue: [issue] };
}
