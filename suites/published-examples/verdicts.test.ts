import { join } from "node:path";
import { expect, it } from "vitest";
import {
  describeWithPublishedAssets,
  publishedAssetsDir,
  runBuiltCli,
} from "../../src/testing/index.js";

/**
 * Contract section 9: the known faults of the NHS-published examples. The validate CLI must give
 * each example the verdict the contract predicts, with both the project's and the published
 * profiles.
 */
const examples = (): string => join(publishedAssetsDir(), "Examples");

const predictions = [
  {
    file: "ig/Consent-Example-1.json",
    exit: 1,
    rules: [
      ["profile-fixed", "Consent.purpose[0].system"],
      ["ndop-nhs-number", "Consent.patient.reference"],
    ],
  },
  {
    file: "ig/Consent-Example-1.xml",
    exit: 1,
    rules: [
      ["profile-fixed", "Consent.purpose[0].system"],
      ["ndop-nhs-number", "Consent.consentingParty[0].reference"],
    ],
  },
  { file: "ig/Spine-OperationOutcome-1-Example-1.json", exit: 0, rules: [] },
  {
    file: "ig/Spine-OperationOutcome-1-Example-1.xml",
    exit: 1,
    rules: [["xml-namespace", "OperationOutcome"]],
  },
  { file: "ig-inline/Spine-OperationOutcome-1-inline.xml", exit: 2, rules: [["parse-xml", ""]] },
  { file: "ig/NDOP-CapabilityStatement-Example-1.json", exit: 2, rules: [["parse-format", ""]] },
  { file: "ig/NDOP-CapabilityStatement-Example-2.json", exit: 0, rules: [] },
  { file: "ig/NDOP-Bundle-Searchset-Example-1.json", exit: 0, rules: [] },
  {
    file: "ig/NDOP-Bundle-Searchset-Example-2.json",
    exit: 1,
    rules: [["ndop-nhs-number", "Bundle.entry[0].resource.patient.reference"]],
  },
  {
    file: "ig/NDOP-Bundle-Searchset-Example-2.xml",
    exit: 1,
    rules: [["xml-unexpected-text", "Bundle"]],
  },
] as const;

describeWithPublishedAssets("published IG examples get the verdicts of contract section 9", () => {
  for (const profiles of [{ name: "project" }, { name: "published" }]) {
    it.each(predictions)(
      `$file exits $exit (${profiles.name} profiles)`,
      ({ file, exit, rules }) => {
        const env =
          profiles.name === "published" ? { NDOP_PROFILES_DIR: publishedAssetsDir() } : {};
        const run = runBuiltCli(["validate", "--json", join(examples(), file)], env);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(exit);
        const [result] = run.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { issues: { ruleId: string; location: string }[] });
        const found = (result?.issues ?? []).map(({ ruleId, location }) => [ruleId, location]);
        for (const rule of rules) expect(found).toContainEqual(rule);
      },
    );
  }

  it("reads all the examples in one run: exit 2 wins over 1, and each file gets its own line", () => {
    const files = predictions.map(({ file }) => join(examples(), file));
    const run = runBuiltCli(["validate", "--json", ...files]);
    expect(run.status).toBe(2);
    expect(run.stdout.trim().split("\n")).toHaveLength(files.length);
  });
});
