import { readFileSync } from "node:fs";

const folder = new URL("../../suites/expected-results/", import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, folder), "utf8"));

/** suites/expected-results/sandbox.json: each check's exact state in a run against the sandbox. */
export function expectedSandboxRun(): Record<string, string> {
  return (read("sandbox.json") as { checks: Record<string, string> }).checks;
}

/** suites/expected-results/counts.json: the exact counts of fixtures, faults, requirements, pacts. */
export function expectedCounts(): {
  fixtures: number;
  faultModes: number;
  requirements: number;
  pactInteractions: number;
  pactXmlInteractions: number;
} {
  return read("counts.json");
}
