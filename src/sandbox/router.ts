import type { Interaction } from "../config/index.js";
import { FHIR_ID } from "../fhir/index.js";
import type { Handler } from "./context.js";
import { adminReset, adminSeed } from "./handlers/admin.js";
import { getCapabilities } from "./handlers/capabilities.js";
import { createConsent } from "./handlers/create-consent.js";
import { readInstanceHistory, readPatientHistory } from "./handlers/read-history.js";
import { searchConsent } from "./handlers/search-consent.js";
import { updateConsent } from "./handlers/update-consent.js";
import { vreadConsent } from "./handlers/vread-consent.js";
import { requestTypeNotSupported } from "./spine-errors.js";

export interface Route {
  handler: Handler;
  /** The Ssp-InteractionID it needs, or none for the sandbox's own admin routes. */
  interaction?: Interaction;
  /** Whether the request carries a body to read. */
  hasBody: boolean;
  /** A sandbox-only admin route: token and JSON content type required. */
  admin?: true;
}

type Methods = Partial<Record<string, Route>>;

const notSupported =
  (what: string): Handler =>
  () =>
    requestTypeNotSupported(`${what} is not supported by the NDOP API.`);

/**
 * The routes of contract section 5 by path shape (segments after the base path). A known path
 * with another method is 405; an unknown path is 404.
 */
export function routeFor(segments: string[], adminEnabled: boolean): Methods | undefined {
  const [first, second, third, fourth, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (first === "metadata" && second === undefined)
    return { GET: { handler: getCapabilities, interaction: "capabilities", hasBody: false } };
  if (first === "_admin" && adminEnabled && third === undefined) {
    if (second === "reset") return { POST: { handler: adminReset, hasBody: false, admin: true } };
    if (second === "seed") return { POST: { handler: adminSeed, hasBody: true, admin: true } };
    return undefined;
  }
  if (first !== "Consent") return undefined;
  if (second === undefined) {
    return {
      POST: { handler: createConsent, interaction: "create", hasBody: true },
      GET: { handler: searchConsent, interaction: "search-type", hasBody: false },
    };
  }
  if (second === "_history" && third === undefined)
    return { GET: { handler: readPatientHistory, interaction: "history-type", hasBody: false } };
  if (!FHIR_ID.test(second)) return undefined;
  if (third === undefined) {
    return {
      PUT: { handler: updateConsent, interaction: "update", hasBody: true },
      GET: {
        handler: notSupported("Reading the current Consent (read)"),
        interaction: "vread",
        hasBody: false,
      },
      DELETE: {
        handler: notSupported("Deleting a Consent"),
        interaction: "update",
        hasBody: false,
      },
    };
  }
  if (third !== "_history") return undefined;
  if (fourth === undefined)
    return {
      GET: { handler: readInstanceHistory, interaction: "history-instance", hasBody: false },
    };
  if (!FHIR_ID.test(fourth)) return undefined;
  return { GET: { handler: vreadConsent, interaction: "vread", hasBody: false } };
}
