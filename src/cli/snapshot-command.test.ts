import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";

describe("ndop-conformance snapshot", () => {
  it("writes each profile with a snapshot generated from its differential", () => {
    const out = mkdtempSync(join(tmpdir(), "ndop-snapshots-"));
    const run = runBuiltCli(["snapshot", "--out", out]);
    expect(run.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      "StructureDefinition-Extension-NDOP-OptOutSource-1.json",
      "StructureDefinition-Extension-NDOP-Proxy-1.json",
      "StructureDefinition-NDOP-Consent-1.json",
      "StructureDefinition-Spine-OperationOutcome-1.json",
    ]);
    const consent = JSON.parse(
      readFileSync(join(out, "StructureDefinition-NDOP-Consent-1.json"), "utf8"),
    );
    const ids = consent.snapshot.element.map((element: { id: string }) => element.id);
    expect(ids[0]).toBe("Consent");
    expect(ids).toContain("Consent.extension:optOutSource");
    expect(ids).toContain("Consent.purpose.system");
  });

  it("exits 2 without --out", () => {
    const run = runBuiltCli(["snapshot"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("required option '--out <dir>'");
  });
});
