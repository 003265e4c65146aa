import { describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { consentFor, expectSpineOutcome, send, startTestSandbox } from "../testing/index.js";

describe("settings of the contract's [choice]s", () => {
  it("PUT to an unknown id answers 405 MSG_RESOURCE_ID_FAIL when so set", async () => {
    const other = await startTestSandbox({ updateUnknownId: 405 });
    try {
      const body = consentFor(undefined, { id: "00000000-0000-4000-8000-000000000002" });
      expectSpineOutcome(
        await send(other, "PUT", "/Consent/00000000-0000-4000-8000-000000000002", {
          body,
          interaction: "update",
        }),
        405,
        "forbidden",
        "MSG_RESOURCE_ID_FAIL",
      );
    } finally {
      await other.close();
    }
  });

  it("refuses an ASID outside the allowed list with 403 ASID_CHECK_FAILED", async () => {
    const other = await startTestSandbox({ allowedClientAsids: ["200000000777"] });
    try {
      expectSpineOutcome(
        await send(other, "GET", "/metadata", { interaction: "capabilities" }),
        403,
        "security",
        "ASID_CHECK_FAILED",
      );
    } finally {
      await other.close();
    }
  });

  it("serves requests without headers when security is relaxed", async () => {
    const other = await startTestSandbox({ security: "relaxed" });
    try {
      expect((await send(other, "GET", "/metadata", { interaction: "none" })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it("offers search of current preferences when switched on", async () => {
    const other = await startTestSandbox({ searchEnabled: true });
    try {
      const first = await send(other, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
      });
      const patient = (first.body.patient as JsonObject).reference as string;
      const found = await send(other, "GET", `/Consent?patient=${encodeURIComponent(patient)}`, {
        interaction: "search-type",
      });
      expect(found.status).toBe(200);
      expect(found.resource).toMatchObject({ type: "searchset", total: 1 });
      const metadata = await send(other, "GET", "/metadata", { interaction: "capabilities" });
      expect(JSON.stringify(metadata.resource)).toContain("search-type");
    } finally {
      await other.close();
    }
  });

  it("answers create with no body under Prefer: return=minimal, and with none at all when so set", async () => {
    const other = await startTestSandbox({ returnRepresentation: false });
    try {
      const minimal = await send(other, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
        headers: { Prefer: "return=minimal" },
      });
      expect(minimal.status).toBe(201);
      expect(minimal.text).toBe("");
      expect(minimal.headers.location).toMatch(/\/_history\//);
      const unasked = await send(other, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
      });
      expect(unasked.text).toBe("");
      const asked = await send(other, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
        headers: { Prefer: "return=representation" },
      });
      expect(asked.body.resourceType).toBe("Consent");
    } finally {
      await other.close();
    }
  });
});
