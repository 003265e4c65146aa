import { randomUUID } from "node:crypto";
import type { Handler } from "../context.js";
import { requestTypeNotSupported } from "../spine-errors.js";
import { SpineError } from "../spine-outcome.js";
import { patientParameter } from "./read-history.js";

/** GET [base]/Consent?patient=…: current preferences, only when the setting turns search on. */
export const searchConsent: Handler = (request, context) => {
  if (!context.settings.searchEnabled) {
    return requestTypeNotSupported(
      "Search of Consents is not supported; read a patient's history instead.",
    );
  }
  const patient = patientParameter(request);
  if (patient instanceof SpineError) return patient;
  const current = context.store.currentForPatient(patient);
  return {
    status: 200,
    resource: {
      resourceType: "Bundle",
      id: randomUUID(),
      type: "searchset",
      total: current.length,
      link: [
        {
          relation: "self",
          url: `${request.baseUrl}/Consent?patient=${encodeURIComponent(patient)}`,
        },
      ],
      entry: current.map((version) => ({
        fullUrl: `${request.baseUrl}/Consent/${version.id}`,
        resource: version.resource,
        search: { mode: "match" },
      })),
    },
  };
};
