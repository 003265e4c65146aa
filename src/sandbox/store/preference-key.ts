import type { JsonObject, PreferenceKey } from "./consent-store.js";

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
