// Preloaded (`node --import`) by bench/run.ts: at exit, writes the CPU seconds (user + system) the
// whole process used, every thread included, to the file NDOP_BENCH_CPU_FILE names.
import { writeFileSync } from "node:fs";

const file = process.env.NDOP_BENCH_CPU_FILE;
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  if (file) writeFileSync(file, String((user + system) / 1e6));
});
