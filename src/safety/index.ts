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
