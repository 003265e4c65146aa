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
export { SPINE_CODE_SYSTEM, SPINE_CODES, type SpineCode } from "./spine-outcome.js";
export {
  type ConsentStore,
  checkStore,
  MemoryStore,
  openStore,
  SqliteStore,
  type StoredVersion,
} from "./store/index.js";
export { generateTestPki, type TestPki } from "./test-pki.js";
