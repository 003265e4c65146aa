import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

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

/**
 * Compares `actual` with suites/expected-results/<name> exactly. With NDOP_UPDATE_EXPECTED=1 the file
 * is (re)written instead: review the diff before committing it. A missing file is a failure.
 */
export function expectedFile(name: string, actual: string): { expected: string; actual: string } {
  const file = new URL(name, folder);
  if (process.env.NDOP_UPDATE_EXPECTED === "1") {
    mkdirSync(new URL(".", file), { recursive: true });
    writeFileSync(file, actual);
  }
  const expected = existsSync(file) ? readFileSync(file, "utf8") : `(no file ${name})`;
  return { expected, actual };
}
