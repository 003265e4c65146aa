import type { NdopClient } from "../client/index.js";
import { ConformanceError, PactError } from "../errors/index.js";
import { type JsonObject, PDS_PATIENT_BASE } from "../fhir/index.js";
import { fillTemplate, locationOf, type PatientPool, readTemplate } from "../fixtures/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
import type { NextRequest } from "./credentials.js";
import type { PactState } from "./interactions.js";

export interface StateTarget {
  client: NdopClient;
  patients: PatientPool;
  fixturesDir: string;
  /** The embedded sandbox, when it is the target: its test-data helper seeds directly. */
  sandbox?: RunningSandbox;
}

type Values = Record<string, string>;

/** States that create data through the API outside the sandbox: writes, as the guard sees them. */
export const STATES_THAT_WRITE: ReadonlySet<string> = new Set<PactState>([
  "patient ${nhsNumber} has a Consent",
  "Consent ${consentId} exists for patient ${nhsNumber} with status active",
  "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}",
]);

/** The sentence of the state that keeps one credential header absent on purpose. */
export const CARRIES_NO =
  /^the request carries no (Authorization|Ssp-TraceID|Ssp-From|Ssp-To|Ssp-InteractionID)$/;

export function unknownStateMessage(state: string): string {
  return `unknown provider state '${state}': known states are listed in docs/provider-states.md`;
}

type Handler = () => Promise<Values>;

/**
 * The handlers as the Pact verifier looks them up (by sentence). A state that fails, or that
 * no handler knows, never passes silently (pact-js only logs both): it makes the forwarder
 * answer that interaction's request with the failure. "the request carries no <header>"
 * keeps that header absent from the next request.
 */
export function verifierStateHandlers(
  target: StateTarget,
  next: NextRequest,
): Record<string, Handler> {
  const known: Record<string, Handler> = stateHandlers(target);
  const failWith = (message: string): Values => {
    next.failure = message;
    next.failures.push(message);
    return {};
  };
  return new Proxy(known, {
    get(handlers, state) {
      // Not state sentences: serialisation and prototype look-ups, and the empty state the
      // verifier asks for before an interaction that has none.
      if (typeof state !== "string" || state === "toJSON" || state in Object.prototype)
        return Reflect.get(handlers, state);
      if (state.trim() === "") return async () => ({});
      const absent = CARRIES_NO.exec(state)?.[1];
      if (absent !== undefined)
        return async () => {
          next.keepAbsent.add(absent);
          return {};
        };
      const handler = Object.hasOwn(handlers, state) ? handlers[state] : undefined;
      if (handler === undefined) return async () => failWith(unknownStateMessage(state));
      return () =>
        handler().catch((error: unknown) =>
          failWith(
            `provider state '${state}' failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    },
  });
}

/**
 * The provider states of the contract. Each picks a fresh test patient and builds what the state
 * says: through the sandbox's seeding helper when the target is the embedded sandbox, through the
 * API itself (create, update) anywhere else. The values it returns fill the pact's ${parameters}.
 */
export function stateHandlers(target: StateTarget): Record<PactState, () => Promise<Values>> {
  return {
    "patient ${nhsNumber} has no Consent": async () => ({ nhsNumber: await freshPatient(target) }),
    "patient ${nhsNumber} has a Consent": async () => {
      const nhsNumber = await freshPatient(target);
      const { consentId } = await createConsent(target, nhsNumber);
      return { nhsNumber, consentId };
    },
    "Consent ${consentId} exists for patient ${nhsNumber} with status active": async () => {
      const nhsNumber = await freshPatient(target);
      const { consentId, versionId } = await createConsent(target, nhsNumber);
      return { nhsNumber, consentId, v1: versionId };
    },
    "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}": async () => {
      const nhsNumber = await freshPatient(target);
      const { consentId, versionId: v1 } = await createConsent(target, nhsNumber);
      const v2 = await updateConsent(target, nhsNumber, consentId, "inactive");
      return { nhsNumber, consentId, v1, v2 };
    },
  };
}

async function freshPatient(target: StateTarget): Promise<string> {
  const nhsNumber = await target.patients.fresh();
  if (nhsNumber === undefined)
    throw new ConformanceError(
      "PATIENTS_EXHAUSTED",
      "provider state: no test patient without a Consent is left in the pool",
    );
  return nhsNumber;
}

function consentFor(target: StateTarget, nhsNumber: string, changes: JsonObject = {}): JsonObject {
  const now = `${new Date().toISOString().slice(0, 19)}+00:00`;
  return {
    ...fillTemplate(readTemplate(target.fixturesDir, "consent"), {
      patientReference: `${PDS_PATIENT_BASE}${nhsNumber}`,
      now,
    }),
    ...changes,
  };
}

async function createConsent(
  target: StateTarget,
  nhsNumber: string,
): Promise<{ consentId: string; versionId: string }> {
  if (target.sandbox) {
    const version = target.sandbox.seed(consentFor(target, nhsNumber));
    return { consentId: version.id, versionId: version.versionId };
  }
  const response = await target.client.createConsent(
    JSON.stringify(consentFor(target, nhsNumber)),
    {
      headers: { Prefer: "return=minimal" },
    },
  );
  const location = locationOf(response.headers.location);
  if (response.status !== 201 || !location)
    throw new PactError(
      "PROVIDER_STATE_FAILED",
      `provider state: creating a Consent answered HTTP ${response.status} without a versioned Location`,
      { status: response.status },
    );
  return { consentId: location.id, versionId: location.versionId };
}

async function updateConsent(
  target: StateTarget,
  nhsNumber: string,
  consentId: string,
  status: string,
): Promise<string> {
  const body = JSON.stringify(consentFor(target, nhsNumber, { id: consentId, status }));
  const response = await target.client.updateConsent(consentId, body, {
    headers: { Prefer: "return=minimal" },
  });
  const location = locationOf(response.headers.location);
  if (response.status !== 200 || !location)
    throw new PactError(
      "PROVIDER_STATE_FAILED",
      `provider state: updating Consent ${consentId} answered HTTP ${response.status} without a versioned Location`,
      { consentId, status: response.status },
    );
  return location.versionId;
}
