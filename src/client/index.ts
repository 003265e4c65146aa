export {
  type ExchangeRecord,
  NdopClient,
  type NdopRequest,
  type NdopResponse,
} from "./ndop-client.js";
export { buildJwt, buildSpineHeaders, SANDBOX_IDENTITY } from "./spine-headers.js";
