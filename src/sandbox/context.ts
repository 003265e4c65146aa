import type { IncomingHttpHeaders } from "node:http";
import type { JsonObject, NdopValidator } from "../fhir/index.js";
import type { FaultName } from "./faults.js";
import type { IdScheme } from "./id-scheme.js";
import type { RuleSet } from "./rule-set.js";
import type { SandboxSettings } from "./settings.js";
import type { SpineError } from "./spine-outcome.js";
import type { ConsentStore } from "./store/index.js";

/** What every handler may use: built once when the sandbox starts. */
export interface SandboxContext {
  settings: SandboxSettings;
  /** The fault modes on: the server applies those that reshape replies (reply-faults.ts). */
  faults: ReadonlySet<FaultName>;
  /** The contract's rules, less those a fault mode forgets: what handlers and checks enforce. */
  rules: RuleSet;
  store: ConsentStore;
  validator: NdopValidator;
  ids: IdScheme;
  /** The FHIR base URL answers are built from: settings.publicBaseUrl, or the listening address. */
  baseUrl: string;
}

/** One request, as the handlers see it. */
export interface SandboxRequest {
  method: string;
  /** Path segments after the base path: `["Consent", "<id>", "_history"]`. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The configured absolute base URL (context.baseUrl), e.g. `http://127.0.0.1:8080/STU3`. */
  baseUrl: string;
}

/** A handler's answer: a status, headers and a FHIR resource (or nothing) to send in the negotiated format. */
export interface SandboxReply {
  status: number;
  /** Never set: keeps a SpineError (which has a status and headers too) from passing as a reply. */
  spineCode?: never;
  headers?: Record<string, string>;
  resource?: JsonObject;
}

/** A handler answers with a reply, or with the Spine error the contract gives (spine-errors.ts). */
export type Handler = (
  request: SandboxRequest,
  context: SandboxContext,
) => SandboxReply | SpineError;
