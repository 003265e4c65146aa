import { describe, expect, it } from "vitest";
import { consentFor, send, startTestSandbox } from "../testing/index.js";

/** Every absolute URL in an answer comes from the configured base URL, never the Host header. */
describe("Location and the other absolute URLs", () => {
  it("come from the listening address by default, whatever Host the client sends", async () => {
    const sandbox = await startTestSandbox();
    try {
      const created = await send(sandbox, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
        headers: { Host: "attacker.example:4444" },
      });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      const versionId = String((created.body.meta as { versionId: string }).versionId);
      expect(created.headers.location).toBe(
        `${sandbox.baseUrl}/Consent/${id}/_history/${versionId}`,
      );
    } finally {
      await sandbox.close();
    }
  });

  it("come from publicBaseUrl when it is set (a sandbox behind a proxy)", async () => {
    const sandbox = await startTestSandbox({ publicBaseUrl: "https://ndop.example/STU3/" });
    try {
      const created = await send(sandbox, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
      });
      const id = String(created.body.id);
      expect(created.headers.location).toMatch(
        new RegExp(`^https://ndop\\.example/STU3/Consent/${id}/_history/[^/]+$`),
      );
      const metadata = await send(sandbox, "GET", "/metadata", { interaction: "capabilities" });
      expect(metadata.body.url).toBe("https://ndop.example/STU3/metadata");
    } finally {
      await sandbox.close();
    }
  });

  it("refuses a publicBaseUrl that is not an absolute http(s) URL", async () => {
    await expect(startTestSandbox({ publicBaseUrl: "ftp://x/STU3" })).rejects.toThrow(
      'The public base URL must be an absolute http(s) URL such as https://sandbox.example/STU3, not "ftp://x/STU3".',
    );
    // Not a URL at all (a relative path): the same USAGE error, not URL's own TypeError.
    await expect(startTestSandbox({ publicBaseUrl: "/STU3" })).rejects.toThrow(
      expect.objectContaining({
        code: "USAGE",
        message:
          'The public base URL must be an absolute http(s) URL such as https://sandbox.example/STU3, not "/STU3".',
      }),
    );
  });
});
