import { describe, expect, it } from "vitest";
import { serviceHoursAt } from "./service-hours.js";

// A fixed clock: each instant is written in UTC, with the London wall time it stands for.
describe("service hours (contract section 1: 08:00-18:00 Europe/London, Mon-Fri, not bank holidays)", () => {
  it.each([
    ["winter, Wednesday 17:59 GMT", "2026-11-25T17:59:00Z"],
    ["winter, Wednesday 08:00 GMT", "2026-11-25T08:00:00Z"],
    ["summer, Wednesday 17:59 BST", "2026-07-15T16:59:00Z"],
    ["summer, Wednesday 08:00 BST", "2026-07-15T07:00:00Z"],
  ])("is open: %s", (_label, instant) => {
    expect(serviceHoursAt(new Date(instant))).toEqual({ open: true });
  });

  it.each([
    ["winter, Wednesday 18:00 GMT", "2026-11-25T18:00:00Z", "it is 18:00 UK time"],
    ["winter, Wednesday 07:59 GMT", "2026-11-25T07:59:00Z", "it is 07:59 UK time"],
    ["summer, Wednesday 18:00 BST", "2026-07-15T17:00:00Z", "it is 18:00 UK time"],
    // 17:30 UTC is 18:30 in London in summer: closed, though the UTC clock says otherwise.
    ["summer, Wednesday 18:30 BST", "2026-07-15T17:30:00Z", "it is 18:30 UK time"],
    ["summer, Wednesday 07:59 BST", "2026-07-15T06:59:00Z", "it is 07:59 UK time"],
    ["a Saturday at noon", "2026-11-28T12:00:00Z", "it is Saturday in the UK"],
    ["a Sunday at noon", "2026-11-29T12:00:00Z", "it is Sunday in the UK"],
    ["Christmas Day, a Friday", "2026-12-25T12:00:00Z", "it is a bank holiday (Christmas Day)"],
    [
      "the substitute day for Boxing Day",
      "2026-12-28T12:00:00Z",
      "it is a bank holiday (Boxing Day (substitute day))",
    ],
    [
      "the summer bank holiday at 00:30 BST (23:30 UTC the day before)",
      "2026-08-30T23:30:00Z",
      "it is a bank holiday (Summer bank holiday)",
    ],
    ["Easter Monday", "2026-04-06T10:00:00Z", "it is a bank holiday (Easter Monday)"],
  ])("is closed: %s", (_label, instant, reason) => {
    expect(serviceHoursAt(new Date(instant))).toEqual({ open: false, reason });
  });

  it("does not count an observance (Mother's Day is a Sunday, but not a bank holiday)", () => {
    // The Friday before Mother's Day 2026 is an ordinary working day.
    expect(serviceHoursAt(new Date("2026-03-13T12:00:00Z"))).toEqual({ open: true });
  });

  it("counts the day after the summer bank holiday as open", () => {
    expect(serviceHoursAt(new Date("2026-09-01T09:00:00Z"))).toEqual({ open: true });
  });
});
