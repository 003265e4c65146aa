import { PDS_PATIENT_BASE } from "../fhir/index.js";

/**
 * The paths of the NDOP interactions under the FHIR base (contract section 5): one place that
 * spells them, for the client's methods and for anyone who must recognise them.
 */
export const NDOP_PATHS = {
  capabilities: () => "/metadata",
  consents: () => "/Consent",
  consent: (id: string) => `/Consent/${encodeURIComponent(id)}`,
  instanceHistory: (id: string) => `/Consent/${encodeURIComponent(id)}/_history`,
  patientHistory: (nhsNumber: string) =>
    `/Consent/_history?patient=${encodeURIComponent(PDS_PATIENT_BASE + nhsNumber)}`,
  version: (id: string, versionId: string) =>
    `/Consent/${encodeURIComponent(id)}/_history/${encodeURIComponent(versionId)}`,
} as const;
