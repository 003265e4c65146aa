import { describe, expect, it } from "vitest";
import {
  faultModeGaps,
  type RequirementCoverage,
  renderCoverage,
  requirementCoverage,
} from "./coverage.js";
import type { Requirement } from "./requirements.js";

const requirement = (
  key: string,
  level: Requirement["level"] = "SHALL",
  verifiedElsewhere = "",
): Requirement => ({ key, section: "5", level, text: `text of ${key}`, verifiedElsewhere });

const covered = (
  entry: Requirement,
  verifiedBy: string[] = [],
  faultModes: string[] = [],
): RequirementCoverage => ({ ...entry, verifiedBy, faultModes });

describe("fault-mode gaps", () => {
  it("are the fixture-checked SHALLs that no fault mode breaks, and only those", () => {
    const coverage = [
      covered(requirement("gap-1"), ["f1"]),
      covered(requirement("broken"), ["f1"], ["fault-a"]),
      covered(requirement("elsewhere", "SHALL", "unit test"), []),
      covered(requirement("should", "SHOULD"), ["f2"]),
      covered(requirement("may", "MAY"), []),
      covered(requirement("gap-2"), []),
    ];
    expect(faultModeGaps(coverage).map((entry) => entry.key)).toEqual(["gap-1", "gap-2"]);
  });
});

describe("the coverage report", () => {
  it("counts SHALLs apart from SHOULDs and MAYs, lists fault modes, and names every gap", () => {
    const coverage = requirementCoverage(
      [
        requirement("r-1"),
        requirement("r-2", "SHOULD"),
        requirement("r-3"),
        requirement("r-4", "MAY"),
      ],
      [{ id: "f1", requirements: ["r-1", "r-2"] }],
      [
        { name: "break-a", requirement: "r-1" },
        { name: "break-b", requirement: "r-1" },
      ],
    );
    expect(renderCoverage(coverage)).toBe(
      [
        "2 of 4 requirements (2 SHALL, 2 SHOULD or MAY) are verified by conformance checks.",
        "",
        "r-1               §5 SHALL  checks: f1",
        "                            fault modes: break-a, break-b",
        "r-2               §5 SHOULD checks: f1",
        "r-3               §5 SHALL  NOT VERIFIED",
        "r-4               §5 MAY    NOT VERIFIED",
        "",
        "Gaps: 1 SHALL(s) without a fault mode: r-3",
        "",
      ].join("\n"),
    );
  });

  it("names several gaps in one line, and says so when there are none", () => {
    const gaps = requirementCoverage([requirement("r-1"), requirement("r-2")], []);
    expect(renderCoverage(gaps).trimEnd().split("\n").at(-1)).toBe(
      "Gaps: 2 SHALL(s) without a fault mode: r-1, r-2",
    );
    const none = requirementCoverage(
      [requirement("r-1"), requirement("r-2", "SHALL", "pact verification")],
      [{ id: "f1", requirements: ["r-1"] }],
      [{ name: "break-a", requirement: "r-1" }],
    );
    expect(renderCoverage(none).trimEnd().split("\n").slice(-2)).toEqual([
      "",
      "Every SHALL checked by fixtures has a fault mode that breaks it.",
    ]);
  });
});
