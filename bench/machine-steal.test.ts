import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCpuTicks, stealPercent, watchSteal } from "./machine-steal.js";

const statFile = (firstLine: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "ndop-steal-")), "stat");
  writeFileSync(file, `${firstLine}\ncpu0 1 2 3 4 5 6 7 8 0 0\n`);
  return file;
};

describe("CPU steal from /proc/stat", () => {
  it("reads the machine's ticks from the first line: all eight counters, steal the eighth", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice: guest is in user already.
    const file = statFile("cpu  100 0 50 800 10 0 5 35 70 0");
    expect(readCpuTicks(file)).toEqual({ total: 1000, steal: 35 });
  });

  it("gives the share of the time between two readings that the hypervisor took", () => {
    expect(stealPercent({ total: 1000, steal: 35 }, { total: 1400, steal: 135 })).toBe(25);
    expect(stealPercent({ total: 1000, steal: 35 }, { total: 1000, steal: 35 })).toBeUndefined();
  });

  it("prints the share over what it watched, or says it could not measure it", () => {
    const file = statFile("cpu  100 0 50 800 10 0 5 35 0 0");
    const line = watchSteal(file);
    writeFileSync(file, "cpu  300 0 50 900 10 0 5 135 0 0\n");
    expect(line()).toMatch(/^CPU steal: 25\.0% of this machine's CPU time went to other guests/);
    expect(watchSteal(join(tmpdir(), "no-such-stat"))()).toBe(
      "CPU steal: not measured (no /proc/stat on this machine).",
    );
  });

  it("refuses a first line that is not the machine's total", () => {
    expect(readCpuTicks(statFile("cpu0 1 2 3 4 5 6 7 8"))).toBeUndefined();
    expect(readCpuTicks(statFile("cpu  1 2 3"))).toBeUndefined();
    expect(readCpuTicks(statFile("cpu  1 2 3 x 5 6 7 8"))).toBeUndefined();
  });
});
