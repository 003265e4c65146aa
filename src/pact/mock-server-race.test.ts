import { describe, expect, it } from "vitest";
import { MOCK_SERVER_RETRIES, recordDespiteMockServerRace } from "./mock-server-race.js";

// pact-core's race cannot be made to happen on demand, so each attempt here is a stand-in that
// says what one recording ended in: answered or not, and the error executeTest threw.
const RACE = new Error(
  "Test failed for the following reasons:\n  Mock server failed with the following mismatches:\n\t0) The following request was expected but not received: \n\t    Method: PUT",
);

/** Attempts that end as listed (an error thrown, or "ok"), each answered or not; and the count made. */
function attempts(outcomes: { answered: boolean; error?: Error }[]) {
  let made = 0;
  const record = async (answered: () => void) => {
    const outcome = outcomes[made] ?? { answered: true };
    made += 1;
    if (outcome.answered) answered();
    if (outcome.error) throw outcome.error;
  };
  return { record, made: () => made };
}

describe("recording despite pact-core's mock server race", () => {
  it("records again when the mock server denies a request it answered, and stops once recorded", async () => {
    const run = attempts([{ answered: true, error: RACE }, { answered: true }]);
    await recordDespiteMockServerRace(run.record);
    expect(run.made()).toBe(2);
  });

  it("gives up, with the mock server's report, after two further attempts", async () => {
    const run = attempts(Array.from({ length: 5 }, () => ({ answered: true, error: RACE })));
    await expect(recordDespiteMockServerRace(run.record)).rejects.toBe(RACE);
    expect(MOCK_SERVER_RETRIES).toBe(2);
    expect(run.made()).toBe(3);
  });

  it("never retries a request the mock server did not answer: the client did not send it", async () => {
    const run = attempts([{ answered: false, error: RACE }, { answered: true }]);
    await expect(recordDespiteMockServerRace(run.record)).rejects.toBe(RACE);
    expect(run.made()).toBe(1);
  });

  it("never retries any other failure of an answered request", async () => {
    const mismatch = new Error(
      "Mock server failed with the following mismatches: request was incorrect",
    );
    const run = attempts([{ answered: true, error: mismatch }, { answered: true }]);
    await expect(recordDespiteMockServerRace(run.record)).rejects.toBe(mismatch);
    expect(run.made()).toBe(1);
  });

  it("reads a thrown value that is not an Error by its text", async () => {
    const run = attempts([{ answered: true }]);
    let first = true;
    await recordDespiteMockServerRace(async (answered) => {
      answered();
      if (first) {
        first = false;
        throw "The following request was expected but not received";
      }
      await run.record(answered);
    });
    expect(run.made()).toBe(1);
  });
});
