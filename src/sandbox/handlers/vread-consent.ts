import type { Handler, SandboxReply } from "../context.js";
import { noRecordFound } from "../spine-errors.js";
import type { StoredVersion } from "../store/index.js";

/** GET [base]/Consent/[id]/_history/[vid] (contract section 5, row 6). */
export const vreadConsent: Handler = (request, { store }) => {
  // Stryker disable next-line StringLiteral: the router sends only Consent/<id>/_history/<vid> here, four segments, so no default is taken.
  const [, id = "", , versionId = ""] = request.segments;
  const version = store.version(id, versionId);
  if (version === undefined) return noRecordFound(`version ${versionId} of Consent ${id}`);
  return versionReply(version);
};

/** 200 with the version, its ETag and Last-Modified. */
export function versionReply(version: StoredVersion): SandboxReply {
  return {
    status: 200,
    headers: {
      ETag: `W/"${version.versionId}"`,
      "Last-Modified": new Date(version.lastUpdated).toUTCString(),
    },
    resource: version.resource,
  };
}
