import { DEFAULT_INTERACTION_IDS, type Interaction, type RunConfig } from "../config/index.js";

/** The credential headers a replayed request gets when it lacks them (contract section 3). */
export const CREDENTIAL_HEADERS = [
  "Authorization",
  "Ssp-TraceID",
  "Ssp-From",
  "Ssp-To",
  "Ssp-InteractionID",
] as const;

/**
 * What the forwarder does to the next replayed request: the headers a provider state asked to
 * keep absent, or the failure of a provider state (that interaction then fails with it).
 */
export interface NextRequest {
  keepAbsent: Set<string>;
  failure?: string;
  /** Every provider-state failure of the run, for the report. */
  failures: string[];
}

/** The interaction a request is, by method and path (paths relative to the FHIR base). */
export function interactionFor(method: string, path: string): Interaction {
  const segments = (path.split("?")[0] ?? "").split("/").filter(Boolean);
  if (segments[0] === "metadata") return "capabilities";
  if (segments[1] === "_history") return "history-type";
  if (segments.includes("_history")) return segments.length === 4 ? "vread" : "history-instance";
  if (method === "POST") return "create";
  if (method === "PUT") return "update";
  return segments.length === 1 ? "search-type" : "vread";
}

/**
 * Adds placeholders for every credential header the request lacks (the client replaces them
 * with a fresh JWT, trace id and ASIDs) and the Ssp-InteractionID for its method and path.
 * Headers in `keepAbsent` stay absent: the interaction tests their absence on purpose.
 */
export function withCredentials(
  headers: Record<string, string>,
  request: { method: string; path: string },
  config: Pick<RunConfig, "interactionIds">,
  keepAbsent: ReadonlySet<string>,
): Record<string, string> {
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const absent = new Set([...keepAbsent].map((name) => name.toLowerCase()));
  const added: Record<string, string> = {};
  for (const name of CREDENTIAL_HEADERS) {
    const lower = name.toLowerCase();
    if (present.has(lower) || absent.has(lower)) continue;
    added[lower] =
      name === "Ssp-InteractionID" ? interactionIdFor(request, config) : "to be refreshed";
  }
  return { ...headers, ...added };
}

function interactionIdFor(
  request: { method: string; path: string },
  config: Pick<RunConfig, "interactionIds">,
): string {
  const interaction = interactionFor(request.method, request.path);
  return config.interactionIds[interaction] ?? DEFAULT_INTERACTION_IDS[interaction];
}
