import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PACT_INTERACTIONS } from "./interactions.js";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

interface FixtureSteps {
  steps: { setup?: boolean; method: string }[];
}

describe("the interactions the consumer contract records", () => {
  it.each(PACT_INTERACTIONS.map((spec) => [`${spec.fixture}, step ${spec.step + 1}`, spec]))(
    "%s is a step under test, not a setup step the provider state stands for",
    (_, spec) => {
      const fixture = JSON.parse(
        readFileSync(new URL(`${spec.fixture}.json`, FIXTURES), "utf8"),
      ) as FixtureSteps;
      const step = fixture.steps[spec.step];
      expect(step, "the step exists").toBeDefined();
      expect(step?.setup ?? false).toBe(false);
    },
  );
});
