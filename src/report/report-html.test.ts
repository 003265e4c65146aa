import { describe, expect, it } from "vitest";
import { ConformanceError } from "../errors/index.js";
import { contractBaseUrl, contractSectionUrl } from "./contract-link.js";
import { reportTitle, withoutAnalytics } from "./report-html.js";

describe("the report's title", () => {
  it("names the environment and the run's date", () => {
    expect(reportTitle({ environment: "int", startedAt: "2026-11-25T22:41:00.000Z" })).toBe(
      "NDOP conformance — int — 2026-11-25",
    );
    expect(reportTitle({})).toBe("NDOP conformance — environment unknown — date unknown");
  });

  it("takes the date only from the start of an ISO timestamp", () => {
    expect(reportTitle({ environment: "dep", startedAt: "started 2026-11-25T22:41:00Z" })).toBe(
      "NDOP conformance — dep — date unknown",
    );
  });
});

describe("the analytics script Allure puts in its page", () => {
  it("is taken out, and nothing else", () => {
    const page = [
      "<body>",
      '<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>',
      "    <script>",
      "        gtag('config', 'G-X', {});",
      "    </script>",
      "<script>window.data = 1;</script>",
      "</body>",
    ].join("\n");
    expect(withoutAnalytics(page)).toBe("<body>\n\n<script>window.data = 1;</script>\n</body>");
  });
});

describe("requirement links", () => {
  it("open the installed docs/contract.md at the section's anchor by default", () => {
    const base = contractBaseUrl({});
    expect(base).toBe(new URL("../../docs/contract.md", import.meta.url).href);
    expect(contractSectionUrl("7", base)).toBe(`${base}#section-7`);
  });

  it("use NDOP_CONTRACT_URL when it is an absolute URL without a fragment", () => {
    const url = "https://intranet.example/ndop/contract.html";
    expect(contractBaseUrl({ NDOP_CONTRACT_URL: url })).toBe(url);
    expect(contractBaseUrl({ NDOP_CONTRACT_URL: "" })).toBe(contractBaseUrl({}));
  });

  it("refuse an NDOP_CONTRACT_URL that is relative or has a fragment, as CONFIG_INVALID", () => {
    const url = "https://intranet.example/ndop/contract.html";
    for (const bad of ["docs/contract.md", `${url}#top`]) {
      let refused: unknown;
      try {
        contractBaseUrl({ NDOP_CONTRACT_URL: bad });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ConformanceError);
      expect(refused).toMatchObject({
        code: "CONFIG_INVALID",
        message: `NDOP_CONTRACT_URL must be an absolute URL of the contract document without a #fragment, not "${bad}".`,
        context: { setting: "NDOP_CONTRACT_URL" },
      });
    }
  });
});
