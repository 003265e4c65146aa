import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PACT_INTERACTIONS } from "./interactions.js";
import { stateTableRows } from "./state-vocabulary.js";

const doc = readFileSync(new URL("../../docs/provider-states.md", import.meta.url), "utf8");

/** The doc's table rows, cells trimmed (Biome pads them), header and rule left out. */
function documentedRows(): string[][] {
  return doc
    .split("\n")
    .filter(
      (line) => line.startsWith("| ") && !line.startsWith("| Sentence") && !/^\|\s*-/.test(line),
    )
    .map((line) =>
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
}

describe("docs/provider-states.md", () => {
  it("lists exactly the states the verifier's handlers understand", () => {
    expect(documentedRows()).toEqual(stateTableRows());
  });

  it("covers every state our own contract uses", () => {
    const sentences = new Set(stateTableRows().map(([sentence]) => sentence));
    for (const { state } of PACT_INTERACTIONS)
      if (state !== undefined) expect(sentences.has(`\`${state}\``), state).toBe(true);
  });
});
