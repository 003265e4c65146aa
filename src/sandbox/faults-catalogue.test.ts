import { describe, expect, it } from "vitest";
import { FAULTS, type FaultName, faultsBreaking, listFaults, parseFaults } from "./faults.js";

const names = Object.keys(FAULTS) as FaultName[];

describe("parseFaults", () => {
  it("returns known names as given", () => {
    expect(parseFaults(["json-when-xml-asked", "errors-as-500"])).toEqual([
      "json-when-xml-asked",
      "errors-as-500",
    ]);
  });

  it("refuses unknown names, all of them named, USAGE", () => {
    const attempt = () => parseFaults(["no-such", "json-when-xml-asked", "other"]);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: "USAGE",
        message: 'Unknown fault mode "no-such", "other"; --list-faults shows them.',
        context: { unknown: ["no-such", "other"] },
      }),
    );
  });
});

describe("faultsBreaking", () => {
  it("parts the catalogue by requirement: each fault under its own key, once", () => {
    const keys = [...new Set(names.map((name) => FAULTS[name].requirement))];
    const parts = keys.map((key) => faultsBreaking(key));
    expect(parts.flat().sort()).toEqual([...names].sort());
    for (const [index, key] of keys.entries())
      for (const name of parts[index] ?? []) expect(FAULTS[name].requirement).toBe(key);
  });

  it("has nothing for a key no fault breaks", () => {
    expect(faultsBreaking("no-such-requirement")).toEqual([]);
  });
});

describe("listFaults", () => {
  it("is one line a fault, in three aligned columns: name, requirement, what it breaks", () => {
    const lines = listFaults().split("\n");
    expect(lines).toHaveLength(names.length);
    const nameWidth = Math.max(...names.map((name) => name.length)) + 2;
    const keyWidth = Math.max(...names.map((name) => FAULTS[name].requirement.length)) + 2;
    for (const [index, name] of names.entries()) {
      const line = lines[index] ?? "";
      const { requirement, breaks } = FAULTS[name];
      expect(line.slice(0, nameWidth).trimEnd()).toBe(name);
      expect(line.slice(nameWidth, nameWidth + keyWidth).trimEnd()).toBe(requirement);
      expect(line.slice(nameWidth + keyWidth)).toBe(breaks);
    }
  });
});
