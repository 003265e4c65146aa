import type { JsonObject } from "../../fhir/index.js";
import type { PreferenceKey } from "./consent-store.js";

/** The preference a Consent records: its patient, policy and purpose (one per patient, section 8). */
export function preferenceKeyOf(consent: JsonObject): PreferenceKey {
  const patient = (consent.patient as { reference?: string } | undefined)?.reference ?? "";
  const policy = (consent.policy as { uri?: string }[] | undefined)?.[0]?.uri ?? "";
  const purpose = (consent.purpose as { system?: string; code?: string }[] | undefined)?.[0];
  return { patient, policy, purpose: `${purpose?.system ?? ""}|${purpose?.code ?? ""}` };
}

export function keyOf(key: PreferenceKey): string {
  return JSON.stringify([key.patient, key.policy, key.purpose]);
}

/** Why an update may not store `next` over a Consent whose current key is `current`. */
export function updateRefusal(
  current: PreferenceKey,
  next: PreferenceKey,
  holderOf: (key: string) => string | undefined,
  id: string,
):
  | { reason: "patient-changed"; currentPatient: string }
  | { reason: "duplicate"; existingId: string }
  | undefined {
  if (next.patient !== current.patient)
    return { reason: "patient-changed", currentPatient: current.patient };
  const holder = holderOf(keyOf(next));
  if (holder !== undefined && holder !== id) return { reason: "duplicate", existingId: holder };
  return undefined;
}

/** The key back from its stored form. */
export function parseKey(stored: string): PreferenceKey {
  const [patient, policy, purpose] = JSON.parse(stored) as [string, string, string];
  return { patient, policy, purpose };
}
