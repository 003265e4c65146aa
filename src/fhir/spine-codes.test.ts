import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeWithPublishedAssets, publishedAssetsDir } from "../testing/index.js";
import { SPINE_CODE_SYSTEM, SPINE_CODES } from "./spine-codes.js";

/** The published CodeSystem's url and its concepts' displays, by code. */
function publishedCodeSystem(): { url: string | undefined; displays: Map<string, string> } {
  const xml = readFileSync(
    join(publishedAssetsDir(), "CodeSystems", "CodeSystem-Spine-ErrorOrWarningCode-1.xml"),
    "utf8",
  );
  const concepts = xml.matchAll(/<code value="([^"]+)"\/>\s*<display value="([^"]+)"\/>/g);
  return {
    url: /<url value="([^"]+)"\/>/.exec(xml)?.[1],
    displays: new Map(
      [...concepts].map(([, code, display]) => [code, display] as [string, string]),
    ),
  };
}

describeWithPublishedAssets("the Spine code table, against the published CodeSystem", () => {
  let published: ReturnType<typeof publishedCodeSystem>;
  beforeAll(() => {
    published = publishedCodeSystem();
  });

  it("names the published code system", () => {
    expect(SPINE_CODE_SYSTEM).toBe(published.url);
  });

  it("gives each code the display the CodeSystem gives it", () => {
    const differing = Object.entries(SPINE_CODES).filter(
      ([code, display]) => published.displays.get(code) !== display,
    );
    expect(differing).toEqual([]);
  });
});
