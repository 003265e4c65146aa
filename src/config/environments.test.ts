import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENVIRONMENT_NAMES, ENVIRONMENTS, isEnvironmentName } from "./environments.js";

/** The rows of contract section 2's table (docs/contract.md): name, network, host. */
function contractEnvironments(): string[][] {
  const contract = readFileSync(
    fileURLToPath(new URL("../../docs/contract.md", import.meta.url)),
    "utf8",
  );
  const section = contract.split("## 2. Environments")[1]?.split("\n\n")[1] ?? "";
  return section
    .split("\n")
    .slice(2)
    .map((row) =>
      row
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll("`", "")),
    );
}

describe("the environments: contract section 2's Spine table, the embedded sandbox and custom", () => {
  it("has each Spine environment of the contract on its network and host", () => {
    const spine = ENVIRONMENT_NAMES.filter((name) => ENVIRONMENTS[name].host !== undefined);
    expect(
      spine.map((name) => [name, ENVIRONMENTS[name].network, ENVIRONMENTS[name].host]),
    ).toEqual(contractEnvironments());
  });

  it("serves the sandbox on loopback and a custom target anywhere, neither with a host", () => {
    expect(
      [ENVIRONMENTS.sandbox, ENVIRONMENTS.custom].map(({ network, host }) => [network, host]),
    ).toEqual([
      ["loopback", undefined],
      ["any", undefined],
    ]);
  });

  it("marks prod, and only prod, as Production", () => {
    expect(ENVIRONMENT_NAMES.filter((name) => ENVIRONMENTS[name].production)).toEqual(["prod"]);
  });

  it("names and describes each environment under its own name", () => {
    for (const name of ENVIRONMENT_NAMES) expect(ENVIRONMENTS[name].name).toBe(name);
    const descriptions = new Set(ENVIRONMENT_NAMES.map((name) => ENVIRONMENTS[name].description));
    expect([...descriptions].filter((description) => description.trim() !== "")).toHaveLength(6);
  });

  it("knows the six names, and no others", () => {
    expect(ENVIRONMENT_NAMES.filter(isEnvironmentName)).toEqual(Object.keys(ENVIRONMENTS));
    expect(["staging", "PROD", "", "toString"].filter(isEnvironmentName)).toEqual([]);
  });
});
