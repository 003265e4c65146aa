/**
 * The embedded NDOP sandbox: an HTTP(S) server that answers as the contract says. Its shape:
 * - handlers/ answer each interaction of section 5 with a reply, or with a Spine error built
 *   from spine-errors.ts, the one table of section 6 (SpineError is a reply value, not thrown);
 * - security-checks.ts, admin-guard.ts, body-shape.ts and media-types.ts refuse a request
 *   before a handler sees it, through the same table;
 * - fault modes (faults.ts, the one catalogue) work as a layer around the handlers: those that
 *   forget a rule through rule-set.ts, those that reshape a reply as reply-faults.ts middleware,
 *   those that change the wire format in responses.ts;
 * - store/ keeps Consent versions in memory or SQLite.
 */
export type { SandboxContext, SandboxReply, SandboxRequest } from "./context.js";
export { FAULTS, type FaultName, isFaultName, listFaults, parseFaults } from "./faults.js";
export { FHIR_MEDIA_TYPES } from "./media-types.js";
export { type RunningSandbox, type StartOptions, startSandbox } from "./server.js";
export {
  DEFAULT_SETTINGS,
  listVariants,
  type SandboxSettings,
  type SandboxVariant,
  sandboxSettings,
  type TlsSettings,
  VARIANTS,
  type VariantName,
  variantSettings,
} from "./settings.js";
export {
  type ConsentStore,
  checkStore,
  MemoryStore,
  openStore,
  SqliteStore,
  type StoredVersion,
} from "./store/index.js";
export { generateTestPki, type TestPki } from "./test-pki.js";
