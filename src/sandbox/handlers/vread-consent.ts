import type { Handler } from "../context.js";
import { noRecordFound } from "../spine-errors.js";

/** GET [base]/Consent/[id]/_history/[vid] (contract section 5, row 6). */
export const vreadConsent: Handler = (request, { store, faults }) => {
  const [, id = "", , versionId = ""] = request.segments;
  const version = faults.has("vread-returns-current")
    ? store.version(id, versionId) && store.current(id)
    : store.version(id, versionId);
  if (version === undefined) {
    throw noRecordFound(`version ${versionId} of Consent ${id}`);
  }
  return {
    status: 200,
    headers: {
      ETag: `W/"${version.versionId}"`,
      "Last-Modified": new Date(version.lastUpdated).toUTCString(),
    },
    resource: version.resource,
  };
};
