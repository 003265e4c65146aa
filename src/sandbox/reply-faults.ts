import type { JsonObject } from "../fhir/index.js";
import type { SandboxContext, SandboxReply, SandboxRequest } from "./context.js";
import type { FaultName } from "./faults.js";
import { versionReply } from "./handlers/vread-consent.js";
import { errorReply } from "./responses.js";
import { noRecordFound } from "./spine-errors.js";

/** What a reply fault may know of the request: its method, path segments and parameters. */
export type RequestLine = Pick<SandboxRequest, "method" | "segments" | "query">;

/** A fault mode that reshapes the handler's (or an error's) reply before it is written. */
export type ReplyFault = (
  reply: SandboxReply,
  request: RequestLine,
  context: SandboxContext,
) => SandboxReply;

type Route = "metadata" | "create" | "update" | "vread" | "instance-history" | "patient-history";

/**
 * The interaction a request is, by its method and path shape (router.ts has the full routes), or
 * undefined for one no reply fault reshapes (the admin routes, a search, an unknown path).
 */
function routeOf({ method, segments }: RequestLine): Route | undefined {
  const [first, second, third, fourth] = segments;
  if (first === "metadata") return "metadata";
  if (first !== "Consent") return undefined;
  if (second === undefined) return method === "POST" ? "create" : undefined;
  if (second === "_history") return "patient-history";
  if (third === undefined) return method === "PUT" ? "update" : undefined;
  return fourth === undefined ? "instance-history" : "vread";
}

const succeeded = (reply: SandboxReply) => reply.status >= 200 && reply.status < 300;

/** A successful reply of one of the routes, reshaped; any other reply as it is. */
function onSuccess(routes: readonly Route[], reshape: ReplyFault): ReplyFault {
  return (reply, request, context) =>
    succeeded(reply) && (routes as readonly (Route | undefined)[]).includes(routeOf(request))
      ? reshape(reply, request, context)
      : reply;
}

/** The reply with its resource changed by `change` (on a copy: resources may be the stored ones). */
function withResource(reply: SandboxReply, change: (resource: JsonObject) => void): SandboxReply {
  if (reply.resource === undefined) return reply;
  const resource = structuredClone(reply.resource);
  change(resource);
  return { ...reply, resource };
}

/** The reply with its headers changed by `change` (on a copy). */
function withHeaders(
  reply: SandboxReply,
  change: (headers: Record<string, string>) => void,
): SandboxReply {
  const headers = { ...reply.headers };
  change(headers);
  return { ...reply, headers };
}

/** The CapabilityStatement's one Consent resource (handlers/capabilities.ts). */
const capabilityResource = (statement: JsonObject) =>
  ((statement.rest as JsonObject[])[0] as { resource: JsonObject[] }).resource[0] as JsonObject;

/** A history Bundle's entries replaced by `select` of them, with the total that goes with them. */
function withEntries(
  reply: SandboxReply,
  select: (entries: JsonObject[]) => JsonObject[],
): SandboxReply {
  const bundle = reply.resource as JsonObject;
  const entries = select((bundle.entry as JsonObject[] | undefined) ?? []);
  const { entry: _entry, ...rest } = bundle;
  return {
    ...reply,
    resource: { ...rest, total: entries.length, ...(entries.length > 0 ? { entry: entries } : {}) },
  };
}

const HISTORY: readonly Route[] = ["instance-history", "patient-history"];

/** A Consent, or each Consent of a Bundle, with one meta element dropped. */
function dropConsentMeta(element: "profile" | "lastUpdated"): ReplyFault {
  const strip = (resource: JsonObject) => {
    const meta = resource.meta as JsonObject | undefined;
    if (resource.resourceType === "Consent" && meta) delete meta[element];
  };
  return (reply) =>
    withResource(reply, (resource) => {
      strip(resource);
      // Stryker disable next-line ArrayDeclaration: a fallback entry holds no resource, so nothing more is stripped either way.
      for (const entry of (resource.entry as JsonObject[] | undefined) ?? [])
        if (entry.resource) strip(entry.resource as JsonObject);
    });
}

const firstIssueDetails = (outcome: JsonObject) =>
  ((outcome.issue as JsonObject[])[0] as JsonObject).details as JsonObject;

/** An error reply (an OperationOutcome) reshaped. */
function onError(reshape: (outcome: JsonObject) => void): ReplyFault {
  return (reply) =>
    reply.resource?.resourceType === "OperationOutcome" ? withResource(reply, reshape) : reply;
}

/**
 * The fault modes that reshape replies, each a function applied to every reply by the server
 * after the handler, in this order: statuses first, then headers, then bodies, then error shapes.
 * The other fault modes forget a rule (rule-set.ts) or change the wire format (responses.ts).
 */
export const REPLY_FAULTS = {
  "metadata-wrong-fhir-version": onSuccess(["metadata"], (reply) =>
    withResource(reply, (statement) => {
      statement.fhirVersion = "4.0.1";
    }),
  ),
  "metadata-omits-interactions": onSuccess(["metadata"], (reply) =>
    withResource(reply, (statement) => {
      capabilityResource(statement).interaction = [{ code: "search-type" }];
    }),
  ),
  "metadata-update-create": onSuccess(["metadata"], (reply) =>
    withResource(reply, (statement) => {
      capabilityResource(statement).updateCreate = true;
    }),
  ),
  "create-returns-200": onSuccess(["create"], (reply) =>
    reply.status === 201 ? { ...reply, status: 200 } : reply,
  ),
  "update-returns-201": onSuccess(["update"], (reply) =>
    reply.status === 200 ? { ...reply, status: 201 } : reply,
  ),
  "create-without-location": onSuccess(["create", "update"], (reply) =>
    reply.status === 201 ? withHeaders(reply, (headers) => delete headers.Location) : reply,
  ),
  "create-without-etag": onSuccess(["create", "update"], (reply) =>
    reply.status === 201 ? withHeaders(reply, (headers) => delete headers.ETag) : reply,
  ),
  "location-without-version": onSuccess(["create", "update"], (reply) =>
    withHeaders(reply, (headers) => {
      if (headers.Location) headers.Location = headers.Location.replace(/\/_history\/[^/]+$/, "");
    }),
  ),
  "update-changes-id": onSuccess(["update"], (reply, request, context) => {
    if (reply.resource === undefined) return reply;
    const id = request.segments[1] as string;
    const otherId = context.ids.consentId();
    return withHeaders({ ...reply, resource: { ...reply.resource, id: otherId } }, (headers) => {
      if (headers.Location) headers.Location = headers.Location.replace(id, otherId);
    });
  }),
  "vread-returns-current": onSuccess(["vread"], (reply, request, context) => {
    const current = context.store.current(request.segments[1] as string);
    return current === undefined ? reply : versionReply(current);
  }),
  "patient-history-current-only": onSuccess(["patient-history"], (reply) =>
    withEntries(reply, (entries) =>
      entries.filter(
        (entry, index) =>
          entries.findIndex(
            (other) => (other.resource as JsonObject).id === (entry.resource as JsonObject).id,
          ) === index,
      ),
    ),
  ),
  "history-404-when-empty": onSuccess(["patient-history"], (reply, request) =>
    reply.resource?.total === 0
      ? errorReply(noRecordFound(`Consent for ${request.query.get("patient")}`))
      : reply,
  ),
  "history-drops-version": onSuccess(HISTORY, (reply) =>
    withEntries(reply, (entries) => (entries.length > 1 ? entries.slice(0, -1) : entries)),
  ),
  "history-oldest-first": onSuccess(HISTORY, (reply) =>
    withEntries(reply, (entries) => entries.slice().reverse()),
  ),
  "history-wrong-bundle-type": onSuccess(HISTORY, (reply) =>
    withResource(reply, (bundle) => {
      bundle.type = "searchset";
    }),
  ),
  "consent-without-profile": dropConsentMeta("profile"),
  "consent-without-last-updated": dropConsentMeta("lastUpdated"),
  "outcome-without-coding": onError((outcome) => {
    delete firstIssueDetails(outcome).coding;
  }),
  "outcome-wrong-code-system": onError((outcome) => {
    const coding = firstIssueDetails(outcome).coding as JsonObject[] | undefined;
    if (coding?.[0]) coding[0].system = "http://hl7.org/fhir/operation-outcome";
  }),
  "errors-as-500": (reply) => (reply.status >= 400 ? { ...reply, status: 500 } : reply),
} as const satisfies Partial<Record<FaultName, ReplyFault>>;

export type ReplyFaultName = keyof typeof REPLY_FAULTS;

/** The reply with every reshaping fault mode that is on applied, in REPLY_FAULTS order. */
export function applyReplyFaults(
  reply: SandboxReply,
  request: RequestLine,
  context: SandboxContext,
): SandboxReply {
  let reshaped = reply;
  for (const [name, fault] of Object.entries(REPLY_FAULTS) as [ReplyFaultName, ReplyFault][])
    if (context.faults.has(name)) reshaped = fault(reshaped, request, context);
  return reshaped;
}
