import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SPINE_CODES } from "../fhir/index.js";
import { SPINE_ERRORS, type SpineAnswer, spineError } from "./spine-errors.js";

interface ContractRow {
  statuses: number[];
  issueCodes: string[];
  spineCodes: string[];
}

/** The rows of the error table in section 6 of a contract document (Markdown). */
function section6Rows(markdown: string): ContractRow[] {
  const section = markdown.split(/^## 6\. /m)[1]?.split(/^## 7\. /m)[0] ?? "";
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2); // the header and its separator
  return rows.map((line) => {
    const [, , http = "", issue = "", code = ""] = line.split("|");
    return {
      statuses: (http.match(/\d{3}/g) ?? []).map(Number),
      issueCodes: (issue.match(/[a-z][a-z-]*/g) ?? []).filter((word) => word !== "or"),
      spineCodes: code.match(/ACCESS DENIED|[A-Z][A-Z0-9_]{2,}/g) ?? [],
    };
  });
}

const answers: SpineAnswer[] = Object.values(SPINE_ERRORS);
const sorted = (values: Iterable<string | number>) => [...new Set(values)].sort();

function expectTableMatches(rows: ContractRow[]): void {
  expect(rows).toHaveLength(8);
  rows.forEach((row, index) => {
    const ours = answers.filter((answer) => answer.source === index + 1);
    // Each row is answered, with exactly its issue types and Spine codes, and only its statuses.
    expect(ours.length, `contract row ${index + 1} has no answer`).not.toBe(0);
    expect(sorted(ours.map((answer) => answer.issueCode)), `row ${index + 1}`).toEqual(
      sorted(row.issueCodes),
    );
    expect(sorted(ours.map((answer) => answer.spineCode)), `row ${index + 1}`).toEqual(
      sorted(row.spineCodes),
    );
    for (const answer of ours) expect(row.statuses, `row ${index + 1}`).toContain(answer.status);
  });
}

describe("the Spine error table (contract section 6)", () => {
  it("matches the table in docs/contract.md row by row", () => {
    expectTableMatches(section6Rows(readFileSync("docs/contract.md", "utf8")));
  });

  const shared = "../shared/spec/ndop-api.md";
  it.runIf(existsSync(shared))("matches the table in the shared API contract too", () => {
    expectTableMatches(section6Rows(readFileSync(shared, "utf8")));
  });

  it("gives each answer a distinct status, issue type and Spine code with a display", () => {
    const triples = answers.map((a) => `${a.status} ${a.issueCode} ${a.spineCode}`);
    expect(new Set(triples).size).toBe(triples.length);
    for (const answer of answers) expect(SPINE_CODES[answer.spineCode]).toBeTypeOf("string");
  });

  it("builds the answer a row names", () => {
    const error = spineError("methodNotAllowed", "PATCH is not allowed.", { Allow: "GET" });
    expect([error.status, error.issueCode, error.spineCode, error.diagnostics]).toEqual([
      405,
      "not-supported",
      "INVALID_REQUEST_TYPE",
      "PATCH is not allowed.",
    ]);
    expect(error.headers).toEqual({ Allow: "GET" });
  });
});
