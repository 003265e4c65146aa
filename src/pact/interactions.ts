import type { Format } from "../config/index.js";

/**
 * The interactions the consumer contract records, each taken from one step of a conformance
 * fixture, with the provider state that stands in for the steps before it. States are sentences
 * whose ${parameters} the provider fills in (a real environment picks its own patients and ids).
 * The ${...} in these strings are Pact provider-state expressions, not JavaScript templates (biome's
 * noTemplateCurlyInString is off for src/pact for that reason).
 */
export interface PactInteractionSpec {
  /** `<suite>/<fixture>`, as in fixtures/. */
  fixture: string;
  /** Index of the step that is the interaction: a step under test, never a setup step. */
  step: number;
  state?: PactState;
  formats: Format[];
}

export type PactState =
  | "patient ${nhsNumber} has no Consent"
  | "patient ${nhsNumber} has a Consent"
  | "Consent ${consentId} exists for patient ${nhsNumber} with status active"
  | "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}";

const BOTH: Format[] = ["json", "xml"];

// Not here: the malformed-body cases (errors/400-not-json, 400-not-xml). Pact parses a body by its
// content type, so a contract cannot carry a body that is meant not to parse; the suite tests them.
export const PACT_INTERACTIONS: readonly PactInteractionSpec[] = [
  { fixture: "capability/200-capability-statement", step: 0, formats: BOTH },
  {
    fixture: "create/201-new-patient",
    step: 0,
    state: "patient ${nhsNumber} has no Consent",
    formats: ["json"],
  },
  {
    fixture: "errors/422-duplicate",
    step: 1,
    state: "patient ${nhsNumber} has a Consent",
    formats: ["json"],
  },
  {
    fixture: "update/200-withdraw",
    step: 1,
    state: "Consent ${consentId} exists for patient ${nhsNumber} with status active",
    formats: ["json"],
  },
  {
    fixture: "history/200-instance",
    step: 3,
    state: "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}",
    formats: BOTH,
  },
  {
    fixture: "history/200-patient",
    step: 2,
    state: "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}",
    formats: BOTH,
  },
  {
    fixture: "history/200-patient-empty",
    step: 0,
    state: "patient ${nhsNumber} has no Consent",
    formats: BOTH,
  },
  {
    fixture: "vread/200-each-version",
    step: 2,
    state: "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}",
    formats: BOTH,
  },
  {
    fixture: "errors/405-create-with-id",
    step: 0,
    state: "patient ${nhsNumber} has no Consent",
    formats: ["json"],
  },
  { fixture: "errors/422-invalid-nhs-number", step: 0, formats: ["json"] },
  {
    fixture: "errors/400-update-id-mismatch",
    step: 1,
    state: "Consent ${consentId} exists for patient ${nhsNumber} with status active",
    formats: ["json"],
  },
  { fixture: "errors/404-history-unknown-id", step: 0, formats: BOTH },
  { fixture: "security/400-missing-jwt", step: 0, formats: ["json"] },
];

/** Example values the consumer test sends; a provider state replaces them when verifying. */
export const PACT_EXAMPLES = {
  nhsNumber: "9990000018",
  consentId: "example-consent-id",
  v1: "example-version-1",
  v2: "example-version-2",
  now: "2026-01-01T00:00:00+00:00",
} as const;
