import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { NdopValidator, PROJECT_PROFILES_DIR } from "./validator.js";

const consent = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/validation/consent.json", import.meta.url)),
    "utf8",
  ),
);
let validator: NdopValidator;
beforeAll(() => {
  validator = NdopValidator.create({ profilesDir: PROJECT_PROFILES_DIR });
});
const rules = (resource: object) =>
  validator
    .validate(JSON.stringify(resource), { format: "json" })
    .issues.filter((issue) => issue.severity === "error")
    .map(({ ruleId, location }) => `${ruleId} ${location}`);

describe("dom-* invariants hold for contained resources", () => {
  const contained = { resourceType: "Organization", id: "o1", name: "x" };

  it("a contained resource that itself contains one breaks dom-2", () => {
    const nested = { ...contained, contained: [{ resourceType: "Organization", id: "o2" }] };
    expect(rules({ ...consent, contained: [nested] }).join("\n")).toMatch(/dom-2/);
  });

  it("a contained resource with meta.versionId breaks dom-4", () => {
    const versioned = { ...contained, meta: { versionId: "1" } };
    expect(rules({ ...consent, contained: [versioned] }).join("\n")).toMatch(/dom-4/);
  });
});
