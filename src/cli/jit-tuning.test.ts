import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runJitFlag } from "./jit-tuning.js";

describe("V8 tuning for a conformance run", () => {
  it("applies to run and baseline on Node 20 only", () => {
    expect(runJitFlag("run", "20.20.2")).toBe("--interrupt-budget=270336");
    expect(runJitFlag("baseline", "20.19.0")).toBe("--interrupt-budget=270336");
    expect(runJitFlag("faults", "20.20.2")).toBeUndefined();
    expect(runJitFlag("validate", "20.20.2")).toBeUndefined();
    expect(runJitFlag(undefined, "20.20.2")).toBeUndefined();
    expect(runJitFlag("run", "22.23.3")).toBeUndefined();
    expect(runJitFlag("run", "24.21.0")).toBeUndefined();
  });

  const flag = runJitFlag("run");
  // An unknown flag would only print an error and do nothing.
  it.runIf(flag !== undefined)("names a flag this Node's V8 has", () => {
    const name = (flag as string).split("=")[0] as string;
    const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
    expect(options.split("\n").some((line) => line.trimStart().startsWith(`${name} `))).toBe(true);
  });
});
