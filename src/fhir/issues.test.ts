import { describe, expect, it } from "vitest";
import { IssueList, isBlocking, quote, type ValidationIssue } from "./issues.js";

function issue(severity: ValidationIssue["severity"], ruleId = "r"): ValidationIssue {
  return {
    severity,
    code: "value",
    location: "Consent.status",
    message: "m",
    ruleId,
    layer: "base",
  };
}

function summary(severity: "error" | "warning", message: string): ValidationIssue {
  return {
    severity,
    code: "too-costly",
    location: "",
    message,
    ruleId: "issues-capped",
    layer: "parse",
  };
}

describe("isBlocking", () => {
  it("blocks on errors and fatals only", () => {
    expect(
      ["fatal", "error", "warning", "information"].map((s) => isBlocking(issue(s as "error"))),
    ).toEqual([true, true, false, false]);
  });
});

describe("quote", () => {
  it("says missing for undefined and shows other values as JSON", () => {
    expect(quote(undefined)).toBe("missing");
    expect(quote("a")).toBe('"a"');
    expect(quote(null)).toBe("null");
  });

  it("keeps 80 characters and cuts a longer value, saying how long it was", () => {
    const eighty = "x".repeat(78);
    expect(quote(eighty)).toBe(`"${eighty}"`);
    const long = "y".repeat(100);
    expect(quote(long)).toBe(`"${"y".repeat(79)}… (102 characters)`);
  });
});

describe("IssueList", () => {
  it("keeps the first issues up to its limit and summarises the dropped ones as an error", () => {
    const list = new IssueList(2);
    list.push(issue("error", "a"), issue("warning", "b"));
    expect(list.full).toBe(true);
    expect(list.blockingFull).toBe(false);
    list.push(issue("error", "c"), issue("warning", "d"));
    expect(list.items.map((kept) => kept.ruleId)).toEqual(["a", "b"]);
    expect(list.droppedCounts()).toEqual({ total: 2, blocking: 1 });
    expect(list.blockingFull).toBe(true);
    expect(list.finish()).toEqual([
      issue("error", "a"),
      issue("warning", "b"),
      summary("error", "and 2 more issues, not listed (only the first 2 are kept)."),
    ]);
  });

  it("is not full below its limit and hands back its issues as they are when none was dropped", () => {
    const list = new IssueList(3);
    list.push(issue("error"), issue("error"));
    expect(list.full).toBe(false);
    expect(list.blockingFull).toBe(false);
    expect(list.finish()).toBe(list.items);
    list.push(issue("error"));
    expect(list.full).toBe(true);
    expect(list.blockingFull).toBe(true);
  });

  it("counts warnings as not blocking, and summarises dropped warnings as a warning", () => {
    const list = new IssueList(1);
    list.push(issue("warning"), issue("information"));
    expect(list.blockingFull).toBe(false);
    expect(list.droppedCounts()).toEqual({ total: 1, blocking: 0 });
    expect(list.finish()).toEqual([
      issue("warning"),
      summary("warning", "and 1 more issues, not listed (only the first 1 are kept)."),
    ]);
  });

  it("adds counts carried over from another list, blocking and not", () => {
    const list = new IssueList(3);
    list.addDropped(undefined);
    expect(list.droppedCounts()).toEqual({ total: 0, blocking: 0 });
    list.addDropped({ total: 5, blocking: 2 });
    expect(list.droppedCounts()).toEqual({ total: 5, blocking: 2 });
    expect(list.blockingFull).toBe(false);
    list.push(issue("error"));
    expect(list.blockingFull).toBe(true);
    expect(list.finish()).toEqual([
      issue("error"),
      summary("error", "and 5 more issues, not listed (only the first 3 are kept)."),
    ]);
  });

  it("writes large counts with thousands separators", () => {
    const list = new IssueList();
    list.drop(false, 1234);
    expect(list.blockingFull).toBe(false);
    expect(list.finish()).toEqual([
      summary("warning", "and 1,234 more issues, not listed (only the first 1,000 are kept)."),
    ]);
    list.drop(true, 1000);
    expect(list.blockingFull).toBe(true);
  });
});
