/** The one Production guard: every request the tool sends passes assertMaySend (production-guard.ts). */
export {
  assertMaySend,
  type GuardTarget,
  isProductionHost,
  isProductionTarget,
  isWrite,
  mayWrite,
  type OutgoingRequest,
  PRODUCTION_HOSTS,
  PRODUCTION_WRITE_CONFIRMATION,
  writesConfirmed,
} from "./production-guard.js";
