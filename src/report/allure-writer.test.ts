import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AllureEntry, writeAllureResult } from "./allure-writer.js";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

function freshResultsDir(): string {
  return join(mkdtempSync(join(tmpdir(), "ndop-allure-")), "reports", "allure-results");
}

/** The one result file in the folder, parsed, with the uuid its name carries. */
function readResult(dir: string): { uuid: string; result: Record<string, unknown> } {
  const names = readdirSync(dir).filter((name) => name.endsWith("-result.json"));
  expect(names).toHaveLength(1);
  const name = names[0] as string;
  expect(name).toMatch(new RegExp(`^${UUID}-result\\.json$`));
  return {
    uuid: name.slice(0, -"-result.json".length),
    result: JSON.parse(readFileSync(join(dir, name), "utf8")),
  };
}

const verified: AllureEntry = {
  name: "GP consumer: a Consent is created",
  status: "failed",
  feature: "Pact verification",
  story: "gp-consumer",
  message: "expected status 201, got 500",
  attachments: [
    { name: "pact", content: '{"consumer":"gp"}', type: "application/json" },
    { name: "log", content: "verifier output\n", type: "text/plain" },
  ],
  tags: ["pending", "wip"],
  parameters: [{ name: "provider version", value: "1.2.3" }],
  start: 1_700_000_000_000,
  stop: 1_700_000_001_500,
};

describe("an Allure result written outside vitest", () => {
  it("is one result file in Allure's format, making the folders it needs", () => {
    const dir = freshResultsDir();
    writeAllureResult(dir, verified);
    const { uuid, result } = readResult(dir);
    const attachments = result.attachments as { name: string; source: string; type: string }[];
    expect(result).toEqual({
      uuid,
      historyId: "Pact verification:gp-consumer:GP consumer: a Consent is created",
      name: "GP consumer: a Consent is created",
      fullName: "Pact verification > gp-consumer > GP consumer: a Consent is created",
      status: "failed",
      stage: "finished",
      statusDetails: { message: "expected status 201, got 500" },
      labels: [
        { name: "epic", value: "NDOP FHIR API" },
        { name: "feature", value: "Pact verification" },
        { name: "story", value: "gp-consumer" },
        { name: "framework", value: "pact" },
        { name: "tag", value: "pending" },
        { name: "tag", value: "wip" },
      ],
      attachments: [
        { name: "pact", source: attachments[0]?.source, type: "application/json" },
        { name: "log", source: attachments[1]?.source, type: "text/plain" },
      ],
      steps: [],
      parameters: [{ name: "provider version", value: "1.2.3" }],
      links: [],
      start: 1_700_000_000_000,
      stop: 1_700_000_001_500,
    });
  });

  it("writes each attachment to its own file, named .json for JSON and .txt otherwise", () => {
    const dir = freshResultsDir();
    writeAllureResult(dir, verified);
    const { result } = readResult(dir);
    const [pact, log] = result.attachments as { source: string }[];
    expect(pact?.source).toMatch(new RegExp(`^${UUID}-attachment\\.json$`));
    expect(log?.source).toMatch(new RegExp(`^${UUID}-attachment\\.txt$`));
    expect(readFileSync(join(dir, pact?.source ?? ""), "utf8")).toBe('{"consumer":"gp"}');
    expect(readFileSync(join(dir, log?.source ?? ""), "utf8")).toBe("verifier output\n");
    expect(readdirSync(dir).sort()).toEqual(
      [pact?.source, log?.source, `${result.uuid}-result.json`].sort(),
    );
  });

  it("has no message, tags or parameters when the entry gives none", () => {
    const dir = freshResultsDir();
    writeAllureResult(dir, {
      name: "passes",
      status: "passed",
      feature: "Pact verification",
      story: "gp-consumer",
      attachments: [],
      start: 1,
      stop: 2,
    });
    const { result } = readResult(dir);
    expect(result).toMatchObject({
      status: "passed",
      statusDetails: {},
      labels: [
        { name: "epic", value: "NDOP FHIR API" },
        { name: "feature", value: "Pact verification" },
        { name: "story", value: "gp-consumer" },
        { name: "framework", value: "pact" },
      ],
      attachments: [],
      parameters: [],
    });
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
