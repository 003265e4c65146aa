import { describe, expect, it } from "vitest";
import { faultModeGaps, renderCoverage, requirementCoverage } from "../report/index.js";
import { FAULTS } from "../sandbox/index.js";
import { runBuiltCli } from "../testing/index.js";

describe("ndop-conformance coverage: requirement → checks → fault modes", () => {
  it("leaves no SHALL without a fault mode, and shows each requirement's checks and fault modes", () => {
    const run = runBuiltCli(["coverage", "--json"]);
    expect(run.status).toBe(0);
    const { coverage, faultModeGaps: gaps } = JSON.parse(run.stdout) as {
      coverage: { key: string; verifiedBy: string[]; faultModes: string[] }[];
      faultModeGaps: string[];
    };
    expect(gaps).toEqual([]);
    const nhsNumber = coverage.find((entry) => entry.key === "ndop-rule-02");
    expect(nhsNumber?.faultModes).toEqual([
      "accept-invalid-nhs-number",
      "accept-invalid-consenter-nhs-number",
    ]);
    expect(nhsNumber?.verifiedBy).toContain("errors/422-consenter-invalid-nhs-number");
    // Every fault mode of the catalogue appears under exactly the requirement it names.
    expect(coverage.flatMap((entry) => entry.faultModes).sort()).toEqual(
      Object.keys(FAULTS).sort(),
    );
    const text = runBuiltCli(["coverage"]).stdout;
    expect(text).toMatch(
      /^ndop-field-12 +§7 SHALL +checks: errors\/422-forbidden-action, .*\n +fault modes: accept-forbidden-elements$/m,
    );
    expect(text).toMatch(/^Every SHALL checked by fixtures has a fault mode that breaks it\.$/m);
  });

  it("lists a SHALL that fixtures check but no fault mode breaks as a gap", () => {
    const coverage = requirementCoverage(
      [
        { key: "k-1", section: "5", level: "SHALL", text: "t", verifiedElsewhere: "" },
        { key: "k-2", section: "5", level: "SHOULD", text: "t", verifiedElsewhere: "" },
      ],
      [{ id: "suite/case", requirements: ["k-1", "k-2"] }],
      [],
    );
    expect(faultModeGaps(coverage).map((entry) => entry.key)).toEqual(["k-1"]);
    expect(renderCoverage(coverage)).toMatch(/^Gaps: 1 SHALL\(s\) without a fault mode: k-1$/m);
  });

  it("--list-faults is one table: name, the requirement it breaks, what it breaks", () => {
    const run = runBuiltCli(["sandbox", "--list-faults"]);
    expect(run.stdout).toMatch(
      /^accept-invalid-consenter-nhs-number +ndop-rule-02 +accepts a consentingParty whose NHS number has a wrong check digit$/m,
    );
  });
});
