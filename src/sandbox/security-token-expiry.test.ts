import type { IncomingHttpHeaders } from "node:http";
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
  // The client's headers carry a JWT issued now (the fake clock's start), valid for five minutes.
  const built = buildSpineHeaders(SANDBOX_IDENTITY, settings.interactionIds.capabilities);
  const headers: IncomingHttpHeaders = Object.fromEntries(
    Object.entries(built).map(([name, value]) => [name.toLowerCase(), value]),
  );
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
