export {
  type ExchangeRecord,
  NdopClient,
  type NdopRequest,
  type NdopResponse,
  type RelayRequest,
} from "./ndop-client.js";
export { buildJwt, buildSpineHeaders, SANDBOX_IDENTITY } from "./spine-headers.js";
