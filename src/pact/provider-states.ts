import type { NdopClient } from "../client/index.js";
import { type JsonObject, PDS_PATIENT_BASE } from "../fhir/index.js";
import { fillTemplate, locationOf, type PatientPool, readTemplate } from "../fixtures/index.js";
import type { RunningSandbox } from "../sandbox/index.js";
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
    throw new Error("provider state: no test patient without a Consent is left in the pool");
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
  const response = await target.client.send({
    interaction: "create",
    method: "POST",
    path: "/Consent",
    body: JSON.stringify(consentFor(target, nhsNumber)),
    headers: { Prefer: "return=minimal" },
  });
  const location = locationOf(response.headers.location);
  if (response.status !== 201 || !location)
    throw new Error(
      `provider state: creating a Consent answered HTTP ${response.status} without a versioned Location`,
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
  const response = await target.client.send({
    interaction: "update",
    method: "PUT",
    path: `/Consent/${consentId}`,
    body,
    headers: { Prefer: "return=minimal" },
  });
  const location = locationOf(response.headers.location);
  if (response.status !== 200 || !location)
    throw new Error(
      `provider state: updating Consent ${consentId} answered HTTP ${response.status} without a versioned Location`,
    );
  return location.versionId;
}
