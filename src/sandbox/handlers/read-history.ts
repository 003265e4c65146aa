import { randomUUID } from "node:crypto";
import { isValidNhsNumber, type JsonObject, PDS_PATIENT_BASE } from "../../fhir/index.js";
import type { Handler, SandboxContext, SandboxRequest } from "../context.js";
import type { SandboxSettings } from "../settings.js";
import { invalidParameter, noRecordFound, parameterNotSupported } from "../spine-errors.js";
import { SpineError } from "../spine-outcome.js";
import type { StoredVersion } from "../store/index.js";

const HISTORY_PARAMETERS = new Set(["patient", "_format"]);

/** GET [base]/Consent/[id]/_history (contract section 5, row 4). */
export const readInstanceHistory: Handler = (request, context) => {
  const id = request.segments[1] as string;
  const refused = rejectParameters(request, new Set(["_format"]), context);
  if (refused) return refused;
  const versions =
    context.store.history(id) ??
    (context.rules.enforces("unknown-history-not-found") ? undefined : []);
  if (versions === undefined) return noRecordFound(`Consent with id ${id}`);
  return {
    status: 200,
    resource: historyBundle(
      versions,
      `${request.baseUrl}/Consent/${id}/_history`,
      request,
      context,
    ),
  };
};

/** GET [base]/Consent/_history?patient=<PDS reference> (contract section 5, row 5). */
export const readPatientHistory: Handler = (request, context) => {
  const patient =
    rejectParameters(request, HISTORY_PARAMETERS, context) ?? patientParameter(request);
  if (patient instanceof SpineError) return patient;
  const versions = context.store.patientHistory(patient);
  const listed =
    context.rules.enforces("patient-history-is-the-patients") || versions.length === 0
      ? versions
      : // A server forgetting the rule matches on policy and purpose once the patient has a Consent.
        context.store.everyVersion();
  const self = `${request.baseUrl}/Consent/_history?patient=${encodeURIComponent(patient)}`;
  return { status: 200, resource: historyBundle(listed, self, request, context) };
};

/** The one `patient` parameter, a PDS reference with a valid NHS number, or the refusal. */
export function patientParameter(request: SandboxRequest): string | SpineError {
  const values = request.query.getAll("patient");
  const patient = values[0];
  if (values.length !== 1 || patient === undefined) {
    return parameterNotSupported(
      "Give exactly one patient parameter: the patient's PDS reference.",
    );
  }
  const nhsNumber = patient.startsWith(PDS_PATIENT_BASE)
    ? patient.slice(PDS_PATIENT_BASE.length)
    : undefined;
  if (nhsNumber === undefined || !isValidNhsNumber(nhsNumber)) {
    return invalidParameter(
      `patient must be ${PDS_PATIENT_BASE}<valid NHS number>, not ${patient.slice(0, 120)}.`,
    );
  }
  return patient;
}

function rejectParameters(
  request: SandboxRequest,
  allowed: ReadonlySet<string>,
  { rules }: SandboxContext,
): SpineError | undefined {
  if (!rules.enforces("unknown-parameters-refused")) return undefined;
  const unknown = [...request.query.keys()].find((name) => !allowed.has(name));
  return unknown === undefined
    ? undefined
    : parameterNotSupported(`Parameter ${unknown.slice(0, 60)} is not supported here.`);
}

/** A history Bundle, newest first; STU3 3.0.1 (bdl-4) allows entry.request but no entry.response in it. */
function historyBundle(
  versions: StoredVersion[],
  self: string,
  request: SandboxRequest,
  { settings }: SandboxContext,
): JsonObject {
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: "history",
    total: versions.length,
    link: [{ relation: "self", url: self }],
    // JSON forbids empty arrays in FHIR: an empty history has no entry at all.
    ...(versions.length === 0
      ? {}
      : { entry: versions.map(historyEntry(request, settings.historyEntries)) }),
  };
}

/** An entry with what the `historyEntries` setting says it carries beside fullUrl and resource. */
function historyEntry(
  request: SandboxRequest,
  carries: SandboxSettings["historyEntries"],
): (version: StoredVersion) => JsonObject {
  return (version) => ({
    fullUrl: `${request.baseUrl}/Consent/${version.id}`,
    resource: version.resource,
    ...(carries === "resource-only"
      ? {}
      : {
          request: {
            method: version.method,
            url: version.method === "POST" ? "Consent" : `Consent/${version.id}`,
          },
        }),
    ...(carries === "request-and-response"
      ? {
          response: {
            status: version.method === "POST" ? "201 Created" : "200 OK",
            etag: `W/"${version.versionId}"`,
            lastModified: version.lastUpdated,
          },
        }
      : {}),
  });
}
