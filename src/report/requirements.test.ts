import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv, readRequirements } from "./requirements.js";

describe("suites/requirements.csv", () => {
  it("is read past its header into requirements, leaving out rows with fewer than four fields", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ndop-requirements-")), "requirements.csv");
    writeFileSync(
      file,
      [
        "key,section,level,text,verifiedElsewhere",
        'ndop-create-01,5,SHALL,"A Consent, once created, is readable",',
        "ndop-read-02,6,SHOULD,Reads are fast",
        "ndop-auth-01,3,SHALL,Tokens are short-lived,unit tests of src/client",
        "short,row,only",
        "",
      ].join("\n"),
    );
    expect(readRequirements(file)).toEqual([
      {
        key: "ndop-create-01",
        section: "5",
        level: "SHALL",
        text: "A Consent, once created, is readable",
        verifiedElsewhere: "",
      },
      {
        key: "ndop-read-02",
        section: "6",
        level: "SHOULD",
        text: "Reads are fast",
        verifiedElsewhere: "",
      },
      {
        key: "ndop-auth-01",
        section: "3",
        level: "SHALL",
        text: "Tokens are short-lived",
        verifiedElsewhere: "unit tests of src/client",
      },
    ]);
  });
});

describe("CSV rows", () => {
  it("keep a last row with no line break after it, even one ending in an empty field", () => {
    expect(parseCsv("a,b\nc")).toEqual([["a", "b"], ["c"]]);
    expect(parseCsv("a,b\nc,")).toEqual([
      ["a", "b"],
      ["c", ""],
    ]);
    expect(parseCsv("a,b\n")).toEqual([["a", "b"]]);
    expect(parseCsv("")).toEqual([]);
  });
});
