import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface AllureEntry {
  name: string;
  status: "passed" | "failed" | "broken" | "skipped";
  feature: string;
  story: string;
  message?: string;
  attachments: { name: string; content: string; type: string }[];
  /** Extra `tag` labels (for example "pending"), and parameters shown beside the result. */
  tags?: string[];
  parameters?: { name: string; value: string }[];
  start: number;
  stop: number;
}

/**
 * One Allure result file (the allure-results format Allure 3 reads), for checks that run outside
 * vitest, such as Pact verification, so they join the same report as a feature of their own.
 */
export function writeAllureResult(resultsDir: string, entry: AllureEntry): void {
  mkdirSync(resultsDir, { recursive: true });
  const attachments = entry.attachments.map((attachment) => {
    const source = `${randomUUID()}-attachment.${attachment.type.includes("json") ? "json" : "txt"}`;
    writeFileSync(join(resultsDir, source), attachment.content);
    return { name: attachment.name, source, type: attachment.type };
  });
  const uuid = randomUUID();
  const result = {
    uuid,
    historyId: `${entry.feature}:${entry.story}:${entry.name}`,
    name: entry.name,
    fullName: `${entry.feature} > ${entry.story} > ${entry.name}`,
    status: entry.status,
    stage: "finished",
    statusDetails: entry.message ? { message: entry.message } : {},
    labels: [
      { name: "epic", value: "NDOP FHIR API" },
      { name: "feature", value: entry.feature },
      { name: "story", value: entry.story },
      { name: "framework", value: "pact" },
      ...(entry.tags ?? []).map((tag) => ({ name: "tag", value: tag })),
    ],
    attachments,
    steps: [],
    parameters: entry.parameters ?? [],
    links: [],
    start: entry.start,
    stop: entry.stop,
  };
  writeFileSync(join(resultsDir, `${uuid}-result.json`), JSON.stringify(result));
}
