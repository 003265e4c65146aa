import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type JsonObject, PDS_PATIENT_BASE, syntheticNhsNumbers } from "../fhir/index.js";

const base = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/validation/consent.json", import.meta.url)),
    "utf8",
  ),
) as JsonObject;
const patients = syntheticNhsNumbers();

/** A distinct synthetic patient for each call, so creates never collide on the preference key. */
export function nextPatient(): string {
  const next = patients.next();
  if (next.done) throw new Error("Ran out of synthetic NHS numbers.");
  return next.value;
}

/** A valid NDOP Consent for the given (or a fresh) patient, as a client would send it to create. */
export function consentFor(nhsNumber = nextPatient(), changes: JsonObject = {}): JsonObject {
  const reference = { reference: `${PDS_PATIENT_BASE}${nhsNumber}` };
  return { ...structuredClone(base), patient: reference, consentingParty: [reference], ...changes };
}

/** The proxy extension with a role (POA), as a proxy's Consent carries it. */
export function proxyExtension(role = "POA", display = "Power of Attorney"): JsonObject {
  return {
    url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-NDOP-Proxy-1",
    extension: [
      {
        url: "role",
        valueCodeableConcept: {
          coding: [
            { system: "https://fhir.nhs.uk/STU3/CodeSystem/NDOP-ProxyRole-1", code: role, display },
          ],
        },
      },
    ],
  };
}

/** The Consent with a proxy extension added (and its consentingParty kept). */
export function withProxy(consent: JsonObject): JsonObject {
  return {
    ...consent,
    extension: [...((consent.extension as JsonObject[] | undefined) ?? []), proxyExtension()],
  };
}
