/**
 * A client a GP system might write for the NDOP API: record a patient's opt-out, withdraw it,
 * read the history. Credentials (JWT, Ssp-* headers) come from `credentials`; the provider's
 * verification adds its own, so the pact does not pin them.
 */
const PATIENT_BASE = "https://demographics.spineservices.nhs.uk/STU3/Patient/";
const FHIR_JSON = "application/fhir+json";

export interface OptOut {
  consentId: string;
  versionId: string;
}

export class OptOutClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: () => Record<string, string> = () => ({}),
  ) {}

  /** Records an opt-out; answers the new Consent's id and version, from its Location. */
  async recordOptOut(nhsNumber: string): Promise<OptOut> {
    const response = await this.send("POST", "/Consent", consent(nhsNumber, "active"));
    if (response.status !== 201)
      throw new Error(`recording the opt-out answered ${response.status}`);
    return versionFrom(response.headers.get("location"));
  }

  /** Withdraws an opt-out (status inactive); answers the new version. */
  async withdrawOptOut(consentId: string, nhsNumber: string): Promise<OptOut> {
    const body = { ...consent(nhsNumber, "inactive"), id: consentId };
    const response = await this.send("PUT", `/Consent/${consentId}`, body);
    if (response.status !== 200)
      throw new Error(`withdrawing the opt-out answered ${response.status}`);
    return versionFrom(response.headers.get("location"));
  }

  /** The patient's opt-out history: how many versions it holds. */
  async history(nhsNumber: string): Promise<{ versions: number }> {
    const patient = encodeURIComponent(`${PATIENT_BASE}${nhsNumber}`);
    const response = await this.send("GET", `/Consent/_history?patient=${patient}`);
    if (response.status !== 200) throw new Error(`reading the history answered ${response.status}`);
    const bundle = (await response.json()) as { total?: number; entry?: unknown[] };
    return { versions: bundle.entry?.length ?? 0 };
  }

  private send(method: string, path: string, body?: object): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Accept: FHIR_JSON,
        ...(body ? { "Content-Type": FHIR_JSON } : {}),
        ...this.credentials(),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }
}

function versionFrom(location: string | null): OptOut {
  const match = /\/Consent\/([^/]+)\/_history\/([^/]+)$/.exec(location ?? "");
  if (!match?.[1] || !match[2]) throw new Error(`no versioned Location: ${location}`);
  return { consentId: match[1], versionId: match[2] };
}

/** An NDOP Consent (an opt-out) for the patient. */
export function consent(nhsNumber: string, status: "active" | "inactive"): object {
  const patient = `${PATIENT_BASE}${nhsNumber}`;
  return {
    resourceType: "Consent",
    meta: { profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/NDOP-Consent-1"] },
    extension: [
      {
        url: "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-NDOP-OptOutSource-1",
        valueCodeableConcept: {
          coding: [
            {
              system: "https://fhir.nhs.uk/STU3/CodeSystem/NDOP-OptOutSource-1",
              code: "OP",
              display: "Online Process",
            },
          ],
        },
      },
    ],
    status,
    patient: { reference: patient },
    dateTime: "2026-01-01T00:00:00+00:00",
    consentingParty: [{ reference: patient }],
    organization: [{ reference: "https://directory.spineservices.nhs.uk/STU3/Organization/X26" }],
    policy: [
      {
        authority: "https://www.gov.uk/",
        uri: "https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/535024/data-security-review.PDF",
      },
    ],
    purpose: [
      {
        system: "http://snomed.info/sct",
        code: "370856009",
        display: "Limiting access to confidential patient information",
      },
    ],
  };
}
