/**
 * The NDOP client: one method per interaction (capabilities, createConsent, updateConsent,
 * instanceHistory, patientHistory, vread), raw `send` for deliberately malformed requests and
 * `relay` for Pact replays, all through one guarded transport.
 */
export {
  type CallOptions,
  type ExchangeRecord,
  NdopClient,
  type NdopRequest,
  type NdopResponse,
  type RelayRequest,
  type WriteOptions,
} from "./ndop-client.js";
export { NDOP_PATHS } from "./ndop-paths.js";
export { buildJwt, buildSpineHeaders, SANDBOX_IDENTITY } from "./spine-headers.js";
