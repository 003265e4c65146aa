import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
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

describe("ndop-conformance validate: only regular files, read with a bound", () => {
  const refused = (args: string[], message: RegExp) => {
    const run = runBuiltCli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(message);
    expect(run.stderr).toBe("");
  };

  it("a named pipe (FIFO) is refused at once, not waited on", () => {
    const fifo = join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    refused(["validate", fifo], /pipe\.json is a named pipe \(FIFO\), not a regular file/);
  });

  it("a symlink to /dev/zero is refused, not read for ever", () => {
    const link = join(dir, "zero.json");
    symlinkSync("/dev/zero", link);
    refused(["validate", link], /zero\.json is a device, not a regular file/);
  });

  it("a directory gets a clear message, not EISDIR", () => {
    const folder = join(dir, "folder.json");
    mkdirSync(folder);
    const run = runBuiltCli(["validate", folder]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/folder\.json is a directory, not a regular file/);
    expect(run.stdout).not.toMatch(/EISDIR/);
  });

  it("a file one byte over --max-size is refused by reading, and one at the limit is judged", () => {
    const limit = 1024 * 1024;
    const body = (size: number) => {
      const head = '{"resourceType":"Consent","status":"';
      return `${head}${"a".repeat(size - head.length - 2)}"}`;
    };
    refused(
      ["validate", "--max-size", "1", file("over.json", body(limit + 1))],
      /over\.json is over the 1 MB limit \(--max-size\)/,
    );
    expect(runBuiltCli(["validate", "--max-size", "1", file("at.json", body(limit))]).status).toBe(
      1,
    );
  });
});

describe("ndop-conformance validate: bounded issues and hostile shapes", () => {
  it("lists 1,000 issues, then says how many more", () => {
    const xml = `<Consent xmlns="http://hl7.org/fhir">${"<x/>".repeat(5000)}</Consent>`;
    const run = runBuiltCli(["validate", "--json", file("many.xml", xml)]);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    const unknown = result.issues.filter(
      (issue: { ruleId: string }) => issue.ruleId === "base-unknown-element",
    );
    expect(unknown).toHaveLength(1000);
    expect(result.issues.at(-1)).toMatchObject({
      ruleId: "issues-capped",
      severity: "error",
      message: "and 4,000 more issues, not listed (only the first 1,000 are kept).",
    });
  });

  it("refuses JSON of a million tiny values before building it", () => {
    const json = `{"resourceType":"Consent","extension":[${Array(1_000_000).fill("{}").join(",")}]}`;
    const run = runBuiltCli(["validate", file("tiny-values.json", json)]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      "The resource holds more than 100,000 JSON values; it is refused as too costly to judge.",
    );
  });

  it("a doubled byte-order mark is a parse error; a single one is fine", () => {
    const consent = readFileSync(join(fixtures, "consent.json"));
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const doubled = runBuiltCli([
      "validate",
      file("bom2.json", Buffer.concat([bom, bom, consent])),
    ]);
    expect(doubled.status).toBe(2);
    expect(doubled.stdout).toContain("The input starts with more than one byte-order mark (BOM).");
    expect(runBuiltCli(["validate", file("bom1.json", Buffer.concat([bom, consent]))]).status).toBe(
      0,
    );
  });
});

describe("ndop-conformance validate: verdicts on near misses", () => {
  it("a resourceType in the wrong case is INVALID (exit 1), naming the right one", () => {
    const consent = JSON.parse(readFileSync(join(fixtures, "consent.json"), "utf8"));
    const run = runBuiltCli([
      "validate",
      file("lower.json", JSON.stringify({ ...consent, resourceType: "consent" })),
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^INVALID/);
    expect(run.stdout).toContain('did you mean "Consent"?');
  });

  it("--profile of another type is INVALID with a message, never VALID", () => {
    const run = runBuiltCli([
      "validate",
      "--profile",
      "https://fhir.nhs.uk/STU3/StructureDefinition/Spine-OperationOutcome-1",
      join(fixtures, "consent.json"),
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "Profile Spine-OperationOutcome-1 constrains OperationOutcome, so a Consent cannot conform to it.",
    );
  });

  it("a known specification defect is a warning (exit 0), and an error with --strict (exit 1)", () => {
    const bundle = JSON.parse(readFileSync(join(fixtures, "history-bundle.json"), "utf8"));
    bundle.entry[0].response = { status: "200 OK" };
    const path = file("history-response.json", JSON.stringify(bundle));
    const lenient = runBuiltCli(["validate", path]);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain("warning Bundle  [known-defect:stu3-bdl-4]");
    const strict = runBuiltCli(["validate", "--strict", path]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain("error   Bundle  [known-defect:stu3-bdl-4]");
  });
});
