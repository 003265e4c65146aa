import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import type { JsonObject } from "../fhir/index.js";
import { expectSpineOutcome, send, startTestSandbox } from "../testing/index.js";
import { DEFAULT_SETTINGS, type RunningSandbox } from "./index.js";
import { CLOCK_SKEW_SECONDS } from "./security-checks.js";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** Contract section 3, in JSON and XML. */
describe.each(["json", "xml"] as const)("security (%s)", (format) => {
  describe("section 3 headers and token: 400 for missing or malformed, 403 for refused", () => {
    const interactionId = DEFAULT_SETTINGS.interactionIds.capabilities;
    const metadata = (headers: Record<string, string>) =>
      send(sandbox, "GET", "/metadata", { format, interaction: "none", headers });
    const valid = () => buildSpineHeaders(SANDBOX_IDENTITY, interactionId);
    const without = (name: string) =>
      Object.fromEntries(Object.entries(valid()).filter(([key]) => key !== name));
    const token = (claims: JsonObject, lifetime = 300, issuedIn = 0) => {
      const issued = Math.floor(Date.now() / 1000) + issuedIn;
      return `Bearer ${new UnsecuredJWT(claims)
        .setIssuedAt(issued)
        .setExpirationTime(issued + lifetime)
        .encode()}`;
    };
    const claims = {
      iss: "https://ndop-conformance.invalid",
      sub: "u",
      aud: "https://clinicals.spineservices.nhs.uk",
      reason_for_request: "directcare",
      scope: "patient/consent.read",
      requesting_system: `https://fhir.nhs.uk/Id/accredited-system|${SANDBOX_IDENTITY.clientAsid}`,
      requesting_user: "u",
    };

    it.each(["Authorization", "Ssp-TraceID", "Ssp-From", "Ssp-To", "Ssp-InteractionID"])(
      "missing %s: 400 security MISSING_OR_INVALID_HEADER",
      async (name) => {
        expectSpineOutcome(
          await metadata(without(name)),
          400,
          "security",
          "MISSING_OR_INVALID_HEADER",
        );
      },
    );

    it("a JWT living 5 minutes is accepted; 301 seconds or a day: 403 ACCESS DENIED", async () => {
      const answer = (lifetime: number) =>
        metadata({ ...valid(), Authorization: token(claims, lifetime) });
      expect((await answer(300)).status).toBe(200);
      for (const lifetime of [301, 86_400])
        expectSpineOutcome(await answer(lifetime), 403, "security", "ACCESS DENIED");
    });

    it("a garbled JWT, a signed JWT, a trace id that is no UUID, the wrong interaction id: 400", async () => {
      expectSpineOutcome(
        await metadata({ ...valid(), Authorization: "Bearer not.a.jwt" }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
      const signed = `Bearer eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.c2lnbmF0dXJl`;
      expectSpineOutcome(
        await metadata({ ...valid(), Authorization: signed }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
      expectSpineOutcome(
        await metadata({ ...valid(), "Ssp-TraceID": "trace-1" }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
      expectSpineOutcome(
        await metadata({ ...valid(), "Ssp-InteractionID": DEFAULT_SETTINGS.interactionIds.create }),
        400,
        "security",
        "MISSING_OR_INVALID_HEADER",
      );
    });

    it("an expired token, a wrong audience, a token without requesting_user or _patient: 403 ACCESS DENIED", async () => {
      expectSpineOutcome(
        await metadata({ ...valid(), Authorization: token(claims, -60) }),
        403,
        "security",
        "ACCESS DENIED",
      );
      expectSpineOutcome(
        await metadata({
          ...valid(),
          Authorization: token({ ...claims, aud: "https://example.org" }),
        }),
        403,
        "security",
        "ACCESS DENIED",
      );
      const { requesting_user: _user, ...anonymous } = claims;
      expectSpineOutcome(
        await metadata({ ...valid(), Authorization: token(anonymous) }),
        403,
        "security",
        "ACCESS DENIED",
      );
    });

    it("a JWT issued 27 hours in the future: 403 ACCESS DENIED; within the clock skew allowed for exp: accepted", async () => {
      expectSpineOutcome(
        await metadata({ ...valid(), Authorization: token(claims, 300, 27 * 3600) }),
        403,
        "security",
        "ACCESS DENIED",
      );
      const skewed = await metadata({
        ...valid(),
        Authorization: token(claims, 300, CLOCK_SKEW_SECONDS - 10),
      });
      expect(skewed.status).toBe(200);
    });

    it("requesting_system naming another ASID than Ssp-From: 403 ASID_CHECK_FAILED", async () => {
      expectSpineOutcome(
        await metadata({ ...valid(), "Ssp-From": "200000000999" }),
        403,
        "security",
        "ASID_CHECK_FAILED",
      );
    });
  });
});
