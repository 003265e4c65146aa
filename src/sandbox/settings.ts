import { DEFAULT_INTERACTION_IDS, type Interaction } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";
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
  /**
   * What a history entry carries beside fullUrl and resource: entry.request (as FHIR R4 and most
   * STU3 servers), entry.request and entry.response (STU3 bdl-4 forbids it, a known defect), or
   * neither. The contract leaves it open.
   */
  historyEntries: "request" | "request-and-response" | "resource-only";
  /** Whether `Prefer: return=minimal|representation` is honoured on create and update (FHIR: MAY). */
  honourPrefer: boolean;
  /** If-Match on update: honoured (version-aware update, 412 when stale) or ignored (FHIR STU3: SHOULD). */
  ifMatch: "honoured" | "ignored";
  /** JSON answers: compact, or indented with every object's keys in another order. */
  jsonStyle: "compact" | "indented-reordered";
  /** XML answers: the default FHIR namespace, or an `f:` namespace prefix with indentation. */
  xmlStyle: "plain" | "prefixed-indented";
  /** Whether Content-Type carries `; charset=utf-8`. */
  charset: boolean;
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
  historyEntries: "request",
  honourPrefer: true,
  ifMatch: "honoured",
  jsonStyle: "compact",
  xmlStyle: "plain",
  charset: true,
};

/** A conforming behaviour the contract or FHIR leaves open: settings, never a fault. */
export interface SandboxVariant {
  settings: Partial<SandboxSettings>;
  /** The freedom it exercises. */
  freedom: string;
  /** What a run against it reports beside passes: the warnings the freedom implies, or none. */
  implies: string;
  /**
   * Which warnings those are, for `variants` to tell them from false alarms: those naming a rule
   * (a known defect's id), or those of SHOULD checks citing a requirement.
   */
  impliedWarnings?: { naming: string } | { citing: string };
  /** What a run must be told to expect of it (the [choice]s it makes), as the run's settings. */
  runExpects?: { updateUnknownId: 405 };
}

/**
 * Every freedom a conforming NDOP server has, as named settings (`sandbox --variant <name>`).
 * A run of the whole suite against each fails nothing (`ndop-conformance variants`, which
 * src/cli/run-variants.test.ts runs).
 */
export const VARIANTS = {
  "history-entry-response": {
    settings: { historyEntries: "request-and-response" },
    freedom: "history entries carry entry.request and entry.response",
    implies: "warnings known-defect:stu3-bdl-4 (STU3 3.0.1 bdl-4, a known defect)",
    impliedWarnings: { naming: "known-defect:stu3-bdl-4" },
  },
  "history-resource-only": {
    settings: { historyEntries: "resource-only" },
    freedom: "history entries carry neither entry.request nor entry.response",
    implies: "none",
  },
  "no-body": {
    settings: { returnRepresentation: false },
    freedom: "create and update answer with no body ([choice])",
    implies: "none",
  },
  "prefer-ignored": {
    settings: { honourPrefer: false },
    freedom: "Prefer is not honoured: create and update always answer with the stored version",
    implies: "none",
  },
  "update-unknown-405": {
    settings: { updateUnknownId: 405 },
    freedom:
      "PUT of an unknown id answers 405 MSG_RESOURCE_ID_FAIL ([choice]; the run needs NDOP_EXPECT_UPDATE_UNKNOWN_ID=405)",
    implies: "none",
    runExpects: { updateUnknownId: 405 },
  },
  "sequence-ids": {
    settings: { idScheme: "sequence" },
    freedom: "ids and version ids are sequences, not UUIDs",
    implies: "none",
  },
  "json-indented-reordered": {
    settings: { jsonStyle: "indented-reordered" },
    freedom: "JSON with other key order and whitespace",
    implies: "none",
  },
  "xml-prefixed-indented": {
    settings: { xmlStyle: "prefixed-indented" },
    freedom: "XML with a namespace prefix (f:) and whitespace between elements",
    implies: "none",
  },
  "no-charset": {
    settings: { charset: false },
    freedom: "Content-Type without a charset parameter",
    implies: "none",
  },
  "if-match-ignored": {
    settings: { ifMatch: "ignored" },
    freedom: "If-Match ignored under versioning versioned (FHIR STU3: SHOULD)",
    implies: "SHOULD warnings of update/412-stale-if-match (ndop-update-05)",
    impliedWarnings: { citing: "ndop-update-05" },
  },
} as const satisfies Record<string, SandboxVariant>;

export type VariantName = keyof typeof VARIANTS;

/** The settings of the named variants, merged; an unknown name is a USAGE error. */
export function variantSettings(names: readonly string[]): Partial<SandboxSettings> {
  const unknown = names.filter((name) => !Object.hasOwn(VARIANTS, name));
  if (unknown.length > 0)
    throw new ConformanceError(
      "USAGE",
      `Unknown sandbox variant ${unknown.map((name) => `"${name}"`).join(", ")}; --list-variants shows them.`,
    );
  return Object.assign({}, ...names.map((name) => VARIANTS[name as VariantName].settings));
}

/** The variants as one listable table: name, the freedom, what a run reports. */
export function listVariants(): string {
  const width = Math.max(...Object.keys(VARIANTS).map((name) => name.length));
  return Object.entries(VARIANTS)
    .map(
      ([name, variant]) => `${name.padEnd(width)}  ${variant.freedom}; implies ${variant.implies}`,
    )
    .join("\n");
}

export function sandboxSettings(overrides: Partial<SandboxSettings> = {}): SandboxSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...overrides,
    interactionIds: { ...DEFAULT_SETTINGS.interactionIds, ...overrides.interactionIds },
  };
}
