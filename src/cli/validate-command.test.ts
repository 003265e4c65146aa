import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
let dir: string;
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ndop-validate-"));
});

describe("ndop-conformance validate: verdicts and exit codes", () => {
  it("exits 0 for a valid Consent and says VALID", () => {
    const run = runBuiltCli(["validate", join(fixtures, "consent.json")]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^VALID {2}.*consent\.json/);
  });

  it("exits 1 for an invalid Consent and lists each issue with its location and rule", () => {
    const consent = JSON.parse(readFileSync(join(fixtures, "consent.json"), "utf8"));
    consent.purpose[0].system = "https://snomed.info/sct";
    const run = runBuiltCli(["validate", file("bad-purpose.json", JSON.stringify(consent))]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("INVALID");
    expect(run.stdout).toContain("Consent.purpose[0].system  [profile-fixed]");
  });

  it("--json prints one parseable result per file", () => {
    const run = runBuiltCli([
      "validate",
      "--json",
      join(fixtures, "consent.json"),
      join(fixtures, "operation-outcome.json"),
    ]);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.resourceType, line.valid])).toEqual([
      ["Consent", true],
      ["OperationOutcome", true],
    ]);
  });

  it("--profile judges against the named profile", () => {
    const run = runBuiltCli([
      "validate",
      "--json",
      "--profile",
      "https://fhir.nhs.uk/STU3/StructureDefinition/Spine-OperationOutcome-1",
      join(fixtures, "consent.json"),
    ]);
    expect(JSON.parse(run.stdout).profiles).toEqual([
      "https://fhir.nhs.uk/STU3/StructureDefinition/Spine-OperationOutcome-1",
    ]);
  });
});

describe("ndop-conformance validate: bad input and bad arguments exit 2 with a clear message", () => {
  const refused = (args: string[], message: RegExp) => {
    const run = runBuiltCli(args);
    expect(run.status).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it("an empty file", () => refused(["validate", file("empty.json", "")], /The input is empty/));
  it("a binary file", () =>
    refused(
      ["validate", file("binary.json", Buffer.from([0x7b, 0, 1, 2, 0xff, 0xfe]))],
      /not valid UTF-8|binary/,
    ));
  it("invalid UTF-8", () =>
    refused(
      [
        "validate",
        file("latin1.json", Buffer.from('{"resourceType":"Consent","text":"\xe9"}', "latin1")),
      ],
      /not valid UTF-8/,
    ));
  it("truncated JSON, with the line and column", () =>
    refused(
      ["validate", file("truncated.json", '{\n "resourceType": "Consent",\n "status": ')],
      /not well-formed: Unexpected end of JSON input \(after line 3, column 11\)/,
    ));
  it("JSON nested 100,000 deep", () =>
    refused(
      ["validate", file("deep.json", `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`)],
      /nest/,
    ));
  it("a Consent nested 5,000 extensions deep", () => {
    let extension = '{"url":"x","valueString":"y"}';
    for (let level = 0; level < 5_000; level += 1)
      extension = `{"url":"x","extension":[${extension}]}`;
    refused(
      [
        "validate",
        file("deep-extensions.json", `{"resourceType":"Consent","extension":[${extension}]}`),
      ],
      /nests deeper than 64/,
    );
  });
  it("XML nested 100,000 deep", () =>
    refused(
      [
        "validate",
        file(
          "deep.xml",
          `<Consent xmlns="http://hl7.org/fhir">${'<extension url="x">'.repeat(100_000)}${"</extension>".repeat(100_000)}</Consent>`,
        ),
      ],
      /nested too deeply|nests deeper/,
    ));
  it("XML with entity declarations (no expansion)", () =>
    refused(
      [
        "validate",
        file(
          "laughs.xml",
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Consent xmlns="http://hl7.org/fhir"><status value="&lol2;"/></Consent>',
        ),
      ],
      /DOCTYPE or entity declaration is refused/,
    ));
  it("XML with an external entity (no fetch)", () =>
    refused(
      [
        "validate",
        file(
          "xxe.xml",
          '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><Consent xmlns="http://hl7.org/fhir"><status value="&x;"/></Consent>',
        ),
      ],
      /refused/,
    ));
  it("a 50 MB file, refused by size", () => {
    const big = file(
      "big.json",
      `{"resourceType":"Consent","status":"${"a".repeat(50 * 1024 * 1024)}"}`,
    );
    refused(["validate", big], /over the 10 MB limit/);
  });
  it("a 50 MB file within a raised --max-size is judged, not crashed on", () => {
    const big = file(
      "big-allowed.json",
      `{"resourceType":"Consent","status":"${"a".repeat(50 * 1024 * 1024)}"}`,
    );
    const run = runBuiltCli(["validate", "--max-size", "64", big]);
    expect(run.status).toBe(1);
  });
  it("a missing file", () =>
    refused(["validate", join(dir, "nope.json")], /cannot be read: no such file/));
  it("a file that is neither JSON nor XML", () =>
    refused(["validate", file("text.json", "hello")], /neither FHIR JSON/));
  it("an unknown resource type", () =>
    refused(
      ["validate", file("thing.json", '{"resourceType":"Thing"}')],
      /"Thing" is not a FHIR STU3 resource type/,
    ));
  it("an unknown option", () =>
    refused(["validate", "--colour", join(fixtures, "consent.json")], /unknown option '--colour'/));
  it("no file at all", () => refused(["validate"], /missing required argument 'file'/));
  it("a bad --max-size", () =>
    refused(
      ["validate", "--max-size", "lots", join(fixtures, "consent.json")],
      /--max-size takes a positive number/,
    ));
  it("an unknown --profile", () =>
    refused(
      ["validate", "--profile", "https://example.org/Nope", join(fixtures, "consent.json")],
      /Profile https:\/\/example.org\/Nope is not in/,
    ));
  it("a --profiles-dir that does not exist", () =>
    refused(
      ["validate", "--profiles-dir", join(dir, "none"), join(fixtures, "consent.json")],
      /cannot be read/,
    ));

  it("--help explains the command and exits 0", () => {
    const run = runBuiltCli(["validate", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Exit codes: 0 every file valid");
  });
});
