import { existsSync, readFileSync } from "node:fs";

/** The machine's CPU time so far, in clock ticks, from the first line of /proc/stat (Linux). */
interface CpuTicks {
  total: number;
  steal: number;
}

/**
 * `cpu  user nice system idle iowait irq softirq steal …`: steal is the time the hypervisor gave
 * this virtual machine's CPUs to someone else. Undefined where there is no /proc/stat.
 */
export function readCpuTicks(stat = "/proc/stat"): CpuTicks | undefined {
  if (!existsSync(stat)) return undefined;
  const fields = (readFileSync(stat, "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  if (fields[0] !== "cpu" || fields.length < 9) return undefined;
  // Guest time (fields 9 and 10) is already counted in user and nice.
  const ticks = fields.slice(1, 9).map(Number);
  if (ticks.some((tick) => !Number.isFinite(tick))) return undefined;
  return { total: ticks.reduce((sum, tick) => sum + tick, 0), steal: ticks[7] ?? 0 };
}

/** The share of the machine's CPU time the hypervisor took between two readings, in percent. */
export function stealPercent(before: CpuTicks, after: CpuTicks): number | undefined {
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return (100 * (after.steal - before.steal)) / total;
}

/**
 * Starts watching; the function it returns gives the line a benchmark prints last. On this
 * project's 2-core virtual machine, four runs of one build took 5.0-5.9 s each while the
 * hypervisor took 28% of the CPU time, and 3.3-3.6 s each at 1.6%: a rate or a wall time means
 * little without it.
 */
export function watchSteal(stat = "/proc/stat"): () => string {
  const before = readCpuTicks(stat);
  return () => {
    const after = readCpuTicks(stat);
    const percent = before && after ? stealPercent(before, after) : undefined;
    if (percent === undefined) return "CPU steal: not measured (no /proc/stat on this machine).";
    return `CPU steal: ${percent.toFixed(1)}% of this machine's CPU time went to other guests of its host while this ran (/proc/stat); above a few percent, rates and wall times are low, and CPU per request is the figure to compare.`;
  };
}
