import type { IncomingHttpHeaders } from "node:http";
import { UnsecuredJWT } from "jose";
import { afterEach, expect, it, vi } from "vitest";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../client/index.js";
import { checkSecurity } from "./security-checks.js";
import { sandboxSettings } from "./settings.js";

afterEach(() => {
  vi.useRealTimers();
});

it("refuses a token it accepted once when it is presented again after it expired", () => {
  const start = Date.UTC(2026, 0, 5, 9, 0, 0);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
  const settings = sandboxSettings();
  const issued = Math.floor(start / 1000);
  const token = new UnsecuredJWT({
    iss: "i",
    sub: "s",
    aud: "https://clinicals.spineservices.nhs.uk",
    reason_for_request: "directcare",
    scope: "patient/consent.read",
    requesting_system: "https://fhir.nhs.uk/Id/accredited-system|200000000001",
    requesting_user: "u",
  })
    .setIssuedAt(issued)
    .setExpirationTime(issued + 300)
    .encode();
  const built = buildSpineHeaders(SANDBOX_IDENTITY, settings.interactionIds.capabilities);
  const headers: IncomingHttpHeaders = Object.fromEntries(
    Object.entries(built).map(([name, value]) => [name.toLowerCase(), value]),
  );
  headers.authorization = `Bearer ${token}`;
  const check = () => {
    const refusal = checkSecurity(headers, "capabilities", settings);
    return refusal && [refusal.status, refusal.spineCode, refusal.diagnostics];
  };
  expect(check()).toBeUndefined();
  vi.setSystemTime(start + 3_600_000);
  expect(check()).toStrictEqual([
    403,
    "ACCESS DENIED",
    'The JWT was refused: "exp" claim timestamp check failed.',
  ]);
});
