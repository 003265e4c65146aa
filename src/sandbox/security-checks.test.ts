import type { IncomingHttpHeaders } from "node:http";
import type { TLSSocket } from "node:tls";
import { UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import { checkClientCertificate, checkSecurity } from "./security-checks.js";
import { sandboxSettings } from "./settings.js";
import type { SpineError } from "./spine-outcome.js";

/** Contract section 3 checks called directly: the first refusal, with its exact diagnostics. */

const settings = sandboxSettings();
const interactionId = settings.interactionIds.capabilities;
const lower = (headers: Record<string, string>): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
const valid = () => lower(buildSpineHeaders(SANDBOX_IDENTITY, interactionId));
const check = (
  headers: IncomingHttpHeaders,
  overrides = {},
  checks?: { token: boolean; headers: boolean },
) => {
  const refusal = checkSecurity(headers, "capabilities", sandboxSettings(overrides), checks);
  return refusal && [refusal.status, refusal.spineCode, refusal.diagnostics];
};
const bearer = (claims: Record<string, unknown>, lifetime = 300) => {
  const issued = Math.floor(Date.now() / 1000);
  return `Bearer ${new UnsecuredJWT(claims)
    .setIssuedAt(issued)
    .setExpirationTime(issued + lifetime)
    .encode()}`;
};
const CLAIMS = {
  iss: "i",
  sub: "s",
  aud: "https://clinicals.spineservices.nhs.uk",
  reason_for_request: "directcare",
  scope: "patient/consent.read",
  requesting_system: "https://fhir.nhs.uk/Id/accredited-system|200000000001",
  requesting_user: "u",
};

describe("section 3 checks", () => {
  it("lets a request with the client's headers through", () => {
    expect(check(valid())).toBeUndefined();
    expect(check({ ...valid(), "ssp-from": [" 200000000001 ", "x"] })).toBeUndefined();
  });

  it.each([
    [
      "ssp-traceid",
      undefined,
      "Ssp-TraceID is missing or invalid: it must be a UUID, new for each request.",
    ],
    [
      "ssp-traceid",
      "not-a-uuid",
      "Ssp-TraceID is missing or invalid: it must be a UUID, new for each request.",
    ],
    [
      "ssp-traceid",
      "00000000-0000-4000-8000-000000000000x",
      "Ssp-TraceID is missing or invalid: it must be a UUID, new for each request.",
    ],
    [
      "ssp-traceid",
      "x0000000-0000-4000-8000-000000000000",
      "Ssp-TraceID is missing or invalid: it must be a UUID, new for each request.",
    ],
    [
      "ssp-traceid",
      "x00000000-0000-4000-8000-000000000000",
      "Ssp-TraceID is missing or invalid: it must be a UUID, new for each request.",
    ],
    ["ssp-from", " ", "Ssp-From is missing or invalid: it must carry the client's ASID."],
    ["ssp-to", undefined, "Ssp-To is missing or invalid: it must carry the provider's ASID."],
    [
      "ssp-interactionid",
      "urn:other",
      `Ssp-InteractionID is missing or invalid: it must be ${interactionId} for this request.`,
    ],
    ["authorization", undefined, "Authorization is missing or invalid: it must be Bearer <JWT>."],
    ["authorization", "Basic abc", "Authorization is missing or invalid: it must be Bearer <JWT>."],
    [
      "authorization",
      "Bearer not.a.jwt",
      "Authorization is missing or invalid: it must carry an unsigned JWT (alg none, empty signature).",
    ],
  ])("refuses %s %s with 400 MISSING_OR_INVALID_HEADER", (name, value, message) => {
    expect(check({ ...valid(), [name]: value })).toEqual([
      400,
      "MISSING_OR_INVALID_HEADER",
      message,
    ]);
  });

  it("takes the JWT only as the one word after Bearer and blanks", () => {
    const headers = valid();
    const jwt = String(headers.authorization).replace(/^Bearer /, "");
    const bad = "Authorization is missing or invalid: it must be Bearer <JWT>.";
    expect(check({ ...headers, authorization: `Bearer   ${jwt}` })).toBeUndefined();
    expect(check({ ...headers, authorization: `xBearer ${jwt}` })).toEqual([
      400,
      "MISSING_OR_INVALID_HEADER",
      bad,
    ]);
    expect(check({ ...headers, authorization: `Bearer ${jwt} more` })).toEqual([
      400,
      "MISSING_OR_INVALID_HEADER",
      bad,
    ]);
  });

  it("takes an upper-case trace id and any case of Bearer", () => {
    const headers = valid();
    expect(
      check({ ...headers, "ssp-traceid": String(headers["ssp-traceid"]).toUpperCase() }),
    ).toBeUndefined();
    expect(
      check({
        ...headers,
        authorization: String(headers.authorization).replace("Bearer", "bEARER"),
      }),
    ).toBeUndefined();
  });

  it("refuses an ASID outside the allowed list and another provider ASID with 403 ASID_CHECK_FAILED", () => {
    expect(check(valid(), { allowedClientAsids: ["200000000777"] })).toEqual([
      403,
      "ASID_CHECK_FAILED",
      "ASID 200000000001 in Ssp-From is not authorised for this interaction.",
    ]);
    expect(check(valid(), { allowedClientAsids: ["200000000001"] })).toBeUndefined();
    expect(check(valid(), { providerAsid: "111" })).toEqual([
      403,
      "ASID_CHECK_FAILED",
      "Ssp-To 999999999999 is not this provider's ASID.",
    ]);
    expect(check(valid(), { providerAsid: "999999999999" })).toBeUndefined();
  });

  it("refuses tokens with 403: no requesting user or patient, a lifetime over 5 minutes or none, another ASID", () => {
    const { requesting_user: _user, ...anonymous } = CLAIMS;
    const withToken = (authorization: string) => check({ ...valid(), authorization });
    expect(withToken(bearer(anonymous))).toEqual([
      403,
      "ACCESS DENIED",
      "The JWT names neither requesting_patient nor requesting_user.",
    ]);
    expect(withToken(bearer({ ...anonymous, requesting_patient: "p" }))).toBeUndefined();
    const lifetime = "The JWT must expire at most 5 minutes after it was issued.";
    expect(withToken(bearer(CLAIMS, 301))).toEqual([403, "ACCESS DENIED", lifetime]);
    expect(withToken(bearer(CLAIMS, 0))).toEqual([403, "ACCESS DENIED", lifetime]);
    expect(withToken(bearer(CLAIMS, 300))).toBeUndefined();
    expect(
      withToken(
        bearer({ ...CLAIMS, requesting_system: "https://fhir.nhs.uk/Id/accredited-system|2" }),
      ),
    ).toEqual([
      403,
      "ASID_CHECK_FAILED",
      "requesting_system https://fhir.nhs.uk/Id/accredited-system|2 does not match Ssp-From 200000000001.",
    ]);
    expect(withToken(bearer({ ...CLAIMS, requesting_system: "urn:x|200000000001" }))).toEqual([
      403,
      "ASID_CHECK_FAILED",
      "requesting_system urn:x|200000000001 does not match Ssp-From 200000000001.",
    ]);
    expect(withToken(bearer({ ...CLAIMS, aud: "https://elsewhere" }))).toEqual([
      403,
      "ACCESS DENIED",
      'The JWT was refused: unexpected "aud" claim value.',
    ]);
  });

  it.each(["iss", "sub", "aud", "exp", "iat", "reason_for_request", "scope", "requesting_system"])(
    "refuses a token without the %s claim with 403, naming the claim",
    (claim) => {
      const issued = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { ...CLAIMS, iat: issued, exp: issued + 300 };
      delete claims[claim];
      const authorization = `Bearer ${new UnsecuredJWT(claims).encode()}`;
      expect(check({ ...valid(), authorization })).toEqual([
        403,
        "ACCESS DENIED",
        `The JWT was refused: missing required "${claim}" claim.`,
      ]);
    },
  );

  it("judges a token it has just accepted afresh against another audience and another Ssp-From", () => {
    // The last accepted token is remembered for its second and audience (a client's burst of
    // requests carries one token): that must never let it past a sandbox that expects another
    // audience, nor skip the comparison of requesting_system with the request's own Ssp-From.
    const headers = valid();
    expect(check(headers)).toBeUndefined();
    expect(check(headers, { audience: "https://elsewhere" })).toEqual([
      403,
      "ACCESS DENIED",
      'The JWT was refused: unexpected "aud" claim value.',
    ]);
    expect(check(headers)).toBeUndefined();
    expect(check({ ...headers, "ssp-from": "200000000002" })).toEqual([
      403,
      "ASID_CHECK_FAILED",
      "requesting_system https://fhir.nhs.uk/Id/accredited-system|200000000001 does not match Ssp-From 200000000002.",
    ]);
  });

  it("skips the header checks or the token check when a fault mode turns them off", () => {
    const noTrace = { ...valid(), "ssp-traceid": undefined };
    const noToken = { ...valid(), authorization: undefined };
    expect(check(noTrace, {}, { token: true, headers: false })).toBeUndefined();
    expect(check(noToken, {}, { token: false, headers: true })).toBeUndefined();
    expect(check(noToken, {}, { token: true, headers: false })).toEqual([
      400,
      "MISSING_OR_INVALID_HEADER",
      "Authorization is missing or invalid: it must be Bearer <JWT>.",
    ]);
  });
});

describe("mutual TLS", () => {
  const tls = { tls: { key: "k", cert: "c", clientCa: "ca" } };
  const socket = (authorized: boolean, authorizationError?: string) =>
    ({ authorized, authorizationError }) as unknown as TLSSocket;
  const answer = (error: SpineError | undefined) =>
    error && [error.status, error.spineCode, error.diagnostics];

  it("refuses a client without a trusted certificate with 403 ACCESS_DENIED_SSL, naming why", () => {
    expect(
      answer(checkClientCertificate(socket(false, "UNABLE_TO_VERIFY"), sandboxSettings(tls))),
    ).toEqual([403, "ACCESS_DENIED_SSL", "No trusted client certificate: UNABLE_TO_VERIFY."]);
    expect(answer(checkClientCertificate(socket(false), sandboxSettings(tls)))).toEqual([
      403,
      "ACCESS_DENIED_SSL",
      "No trusted client certificate: none presented.",
    ]);
  });

  it("lets through an authorised client, and any client without a client CA or a TLS socket", () => {
    expect(checkClientCertificate(socket(true), sandboxSettings(tls))).toBeUndefined();
    expect(
      checkClientCertificate(socket(false), sandboxSettings({ tls: { key: "k", cert: "c" } })),
    ).toBeUndefined();
    expect(checkClientCertificate(undefined, sandboxSettings(tls))).toBeUndefined();
    expect(checkClientCertificate(socket(false), sandboxSettings())).toBeUndefined();
  });
});
