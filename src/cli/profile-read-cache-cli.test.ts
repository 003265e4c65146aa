import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuiltCli, xmlProjectProfiles } from "../testing/index.js";
import { PROJECT_ROOT } from "./project-root.js";

const CACHE = join(PROJECT_ROOT, "node_modules", ".cache", "ndop-conformance");
const CONSENT = join(PROJECT_ROOT, "fixtures", "validation", "consent.json");
// Marked: no other test's files have these bytes, so no other run reads their entries.
const profiles = xmlProjectProfiles(`profile-read-cache-cli ${randomUUID()}`);

/** The built CLI's entries for the profile folder's files, given its build's folder. */
function entriesFor(buildFolder: string): string[] {
  return readdirSync(profiles).map((file) => {
    const hash = createHash("sha256")
      .update(readFileSync(join(profiles, file)))
      .digest("hex");
    return join(CACHE, buildFolder, `${hash}.json`);
  });
}

const validate = () =>
  runBuiltCli(["validate", "--json", CONSENT], { NDOP_PROFILES_DIR: profiles });
const issuesOf = (stdout: string) =>
  (JSON.parse(stdout) as { issues: { location: string }[] }).issues.map((issue) => issue.location);

let written: string[] = [];
afterAll(() => {
  for (const entry of written) rmSync(entry, { force: true });
  rmSync(profiles, { recursive: true, force: true });
});

describe("the built CLI's cache of profiles read from XML", () => {
  it("keeps what it read under its build, and reads it back on its next start", () => {
    const first = validate();
    expect([first.status, first.stderr]).toEqual([0, ""]);
    const builds = readdirSync(CACHE).filter((name) => name.startsWith("profiles-read-"));
    expect(builds).toHaveLength(1);
    written = entriesFor(builds[0] as string);
    // Every entry parses: none is missing or cut short.
    const consentEntry = written.find((entry) =>
      JSON.parse(readFileSync(entry, "utf8")).url.endsWith("/NDOP-Consent-1"),
    ) as string;
    // Altered in the cache alone: only a start that read the cache requires Consent.language.
    const cached = JSON.parse(readFileSync(consentEntry, "utf8"));
    cached.differential.element.push({
      id: "Consent.language",
      path: "Consent.language",
      min: 1,
    });
    writeFileSync(consentEntry, JSON.stringify(cached));
    const second = validate();
    expect(second.status).toBe(1);
    expect(issuesOf(second.stdout)).toEqual(["Consent.language"]);
  });
});
