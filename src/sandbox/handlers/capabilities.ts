import { NDOP_CONSENT_PROFILE } from "../../fhir/index.js";
import type { Handler } from "../context.js";
import { FHIR_MEDIA_TYPES } from "../media-types.js";

/** GET [base]/metadata: the CapabilityStatement (contract section 5, row 1). */
export const getCapabilities: Handler = (request, { settings }) => {
  const interactions = ["create", "update", "vread", "history-instance", "history-type"];
  if (settings.searchEnabled) interactions.push("search-type");
  return {
    status: 200,
    resource: {
      resourceType: "CapabilityStatement",
      url: `${request.baseUrl}/metadata`,
      version: "1.0.0",
      name: "NDOP-Sandbox-CapabilityStatement",
      status: "active",
      date: "2026-11-25",
      publisher: "ndop-conformance sandbox",
      kind: "instance",
      software: { name: "ndop-conformance sandbox" },
      implementation: { description: "Embedded NDOP FHIR API sandbox", url: request.baseUrl },
      fhirVersion: "3.0.1",
      acceptUnknown: "no",
      format: Object.keys(FHIR_MEDIA_TYPES),
      rest: [
        {
          mode: "server",
          resource: [
            {
              type: "Consent",
              profile: { reference: NDOP_CONSENT_PROFILE },
              interaction: interactions.map((code) => ({ code })),
              versioning: "versioned",
              readHistory: true,
              updateCreate: false,
              conditionalCreate: false,
              conditionalUpdate: false,
              conditionalDelete: "not-supported",
              searchParam: [
                {
                  name: "patient",
                  type: "reference",
                  documentation:
                    "The patient's PDS reference: https://demographics.spineservices.nhs.uk/STU3/Patient/<NHS number>",
                },
              ],
            },
          ],
        },
      ],
    },
  };
};
