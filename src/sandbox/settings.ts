import { DEFAULT_INTERACTION_IDS, type Interaction } from "../config/index.js";
import type { FaultName } from "./faults.js";

/** How the sandbox behaves; every [choice] of the contract is one of these (section 2-6). */
export interface SandboxSettings {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** FHIR base path under the host (contract section 2: `/STU3` on Spine). */
  basePath: string;
  /**
   * The FHIR base URL clients reach the sandbox at (behind a proxy, say), used for Location,
   * fullUrl and every other absolute URL in answers; by default the listening address. Never the
   * request's Host header, which any client can set.
   */
  publicBaseUrl?: string;
  /** `memory` or `sqlite:<path>`. */
  store: string;
  /** Check the JWT and Ssp-* headers of section 3 (`strict`), or let requests without them through (`relaxed`). */
  security: "strict" | "relaxed";
  /** ASIDs accepted in Ssp-From; empty accepts any. */
  allowedClientAsids: string[];
  /** The provider ASID expected in Ssp-To; empty accepts any. */
  providerAsid: string;
  /** Ssp-InteractionID expected per interaction (section 3 [choice]). */
  interactionIds: Record<Interaction, string>;
  /** Expected JWT audience. */
  audience: string;
  /** PUT to an unknown id: 404 NO_RECORD_FOUND (REST page) or 405 MSG_RESOURCE_ID_FAIL (codes page). */
  updateUnknownId: 404 | 405;
  /** Whether create and update answer with the stored resource (unless Prefer: return=minimal). */
  returnRepresentation: boolean;
  /** Search of current preferences: off, as the real API today. */
  searchEnabled: boolean;
  /** Largest request body accepted, in bytes (413 above). */
  maxBodyBytes: number;
  /**
   * Most nodes a body may have (413 above), counted before parsing: JSON objects, arrays, members
   * and items; XML elements and attributes. Validation costs 5 to 20 µs per node, and one hostile
   * 1 MiB body must not stall other clients. An NDOP Consent has about 60.
   */
  maxBodyNodes: number;
  /** The sandbox-only admin routes (reset, seed) under `<basePath>/_admin`. */
  adminEnabled: boolean;
  /** The bearer token the admin routes require; a random one is made at start when absent. */
  adminToken?: string;
  faults: FaultName[];
  /** Consent and version ids: UUIDs (as Spine) or sequences (ndop-1; 1, 2, 3). */
  idScheme: "uuid" | "sequence";
  tls?: TlsSettings;
}

export interface TlsSettings {
  key: string;
  cert: string;
  /** CA bundle that client certificates must chain to; with it, mutual TLS is required. */
  clientCa?: string;
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  host: "127.0.0.1",
  port: 0,
  basePath: "/STU3",
  store: "memory",
  security: "strict",
  allowedClientAsids: [],
  providerAsid: "",
  interactionIds: { ...DEFAULT_INTERACTION_IDS },
  audience: "https://clinicals.spineservices.nhs.uk",
  updateUnknownId: 404,
  returnRepresentation: true,
  searchEnabled: false,
  maxBodyBytes: 1024 * 1024,
  maxBodyNodes: 250,
  adminEnabled: false,
  faults: [],
  idScheme: "uuid",
};

export function sandboxSettings(overrides: Partial<SandboxSettings> = {}): SandboxSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...overrides,
    interactionIds: { ...DEFAULT_SETTINGS.interactionIds, ...overrides.interactionIds },
  };
}
