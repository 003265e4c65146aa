export {
  buildJwt,
  buildSpineHeaders,
  SANDBOX_IDENTITY,
  type SpineIdentity,
} from "./spine-headers.js";
