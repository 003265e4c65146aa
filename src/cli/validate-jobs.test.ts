import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { writeOrderedFhirXml } from "../fhir/index.js";
import { runBuiltCli } from "../testing/index.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
const consent = JSON.parse(readFileSync(join(fixtures, "consent.json"), "utf8"));
let dir: string;
let mixed: string[];

const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ndop-validate-jobs-"));
  const invalid = { ...consent, status: "proposed" };
  mkdirSync(join(dir, "folder.json"));
  // Valid and invalid Consents, JSON and XML, a history Bundle, and three files that cannot be
  // judged (broken JSON, a missing file, a folder), more files than workers so each takes several.
  mixed = [
    write("a-valid.json", JSON.stringify(consent)),
    write("b-invalid.json", JSON.stringify(invalid)),
    write("c-valid.xml", writeOrderedFhirXml(consent)),
    write("d-broken.json", '{"resourceType": "Consent",'),
    write("e-history.json", readFileSync(join(fixtures, "history-bundle.json"), "utf8")),
    join(dir, "f-missing.json"),
    write("g-invalid.xml", writeOrderedFhirXml(invalid)),
    join(dir, "folder.json"),
    write("h-valid.json", JSON.stringify({ ...consent, id: "h" })),
  ];
});

/** The file each verdict's first line names, in the order printed. */
const filesNamed = (stdout: string): string[] =>
  stdout
    .split("\n")
    .filter((line) => /^(VALID|INVALID|UNREADABLE) /.test(line))
    .map((line) => mixed.find((file) => line.includes(`${file} `) || line.endsWith(file)) ?? line);

describe("validate --jobs: worker threads judge as one process does", () => {
  it("prints the same verdicts, in the files' order, with the same exit code, for --jobs 1 and 3", () => {
    const one = runBuiltCli(["validate", "--jobs", "1", ...mixed]);
    const three = runBuiltCli(["validate", "--jobs", "3", ...mixed]);
    expect(three.stdout).toBe(one.stdout);
    expect(filesNamed(three.stdout)).toEqual(mixed);
    expect(three.stdout).toMatch(/^INVALID {2}.*b-invalid\.json/m);
    expect(three.stdout).toMatch(/^UNREADABLE {2}.*f-missing\.json cannot be read: no such file/m);
    expect([one.status, three.status]).toEqual([2, 2]);
    expect(three.stderr).toBe("");
  });

  it("--json lines are the same too; without unreadable files an invalid one exits 1", () => {
    const judged = mixed.filter((file) => !/broken|missing|folder/.test(file));
    const one = runBuiltCli(["validate", "--json", ...judged]);
    const two = runBuiltCli(["validate", "--json", "--jobs", "2", ...judged]);
    expect(two.stdout).toBe(one.stdout);
    expect(
      two.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).valid),
    ).toEqual([true, false, true, true, false, true]);
    expect([one.status, two.status]).toEqual([1, 1]);
  });

  it("every file valid exits 0 with workers", () => {
    const run = runBuiltCli(["validate", "--jobs", "2", mixed[0] as string, mixed[2] as string]);
    expect(run.status).toBe(0);
  });

  it("settings the engine refuses end the command as in one process (exit 2, one line)", () => {
    const args = ["validate", "--profile", "https://example.org/Nope", ...mixed.slice(0, 3)];
    const one = runBuiltCli(args);
    const two = runBuiltCli([...args, "--jobs", "2"]);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stderr).toMatch(
      /^ndop-conformance: Profile https:\/\/example.org\/Nope is not in .*\n$/,
    );
    expect([one.status, two.status]).toEqual([2, 2]);
  });

  it.each(["0", "-1", "1.5", "two", "17", ""])(
    "--jobs %j is refused with one sentence, exit 2",
    (jobs) => {
      const run = runBuiltCli(["validate", "--jobs", jobs, mixed[0] as string]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `ndop-conformance: --jobs takes a whole number of worker threads from 1 to 16, not "${jobs}".\n`,
      );
      expect(run.stdout).toBe("");
    },
  );
});
