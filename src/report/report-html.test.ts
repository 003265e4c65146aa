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
    for (const bad of ["docs/contract.md", `${url}#top`])
      expect(() => contractBaseUrl({ NDOP_CONTRACT_URL: bad })).toThrow(ConformanceError);
  });
});
