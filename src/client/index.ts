export {
  DEFAULT_INTERACTION_IDS,
  type ExchangeRecord,
  NdopClient,
  type NdopRequest,
  type NdopResponse,
} from "./ndop-client.js";
export {
  buildJwt,
  buildSpineHeaders,
  SANDBOX_IDENTITY,
  type SpineIdentity,
} from "./spine-headers.js";
