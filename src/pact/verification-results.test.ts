import { describe, expect, it } from "vitest";
import { interactionResults, tallyByConsumer, verifierFailures } from "./verification-results.js";

// The shape of the report pact-core 19 ends its output with (captured from a run against a
// Broker stand-in: alpha's pact failing, beta's and gamma's pending), trimmed to what is read.
const heading = (consumer: string) =>
  `\nVerifying a pact between \u001b[1m${consumer}\u001b[0m and \u001b[1mndop-api\u001b[0m`;
const SAME = "a request for the capability statement";
const error = (consumer: string, description: string, mismatch: string) => ({
  interaction: `Verifying a pact between ${consumer} and ndop-api - ${description}`,
  mismatch: { mismatches: [{ mismatch, type: "StatusMismatch" }] },
});
const report = {
  errors: [error("alpha", SAME, "expected 200 but was 400")],
  pendingErrors: [
    error("beta", SAME, "expected 404 but was 400"),
    error("gamma", "second", "expected 200 but was 401"),
  ],
  interactionResults: [
    { description: SAME, result: "Error" },
    { description: SAME, result: "Error" },
    { description: SAME, result: "OK" },
    { description: "second", result: "Error" },
  ],
  output: [
    heading("alpha"),
    "",
    `  ${SAME} (34ms loading, 28ms verification)`,
    "    returns a response which",
    heading("beta"),
    `  ${SAME} (34ms loading, 17ms verification)`,
    heading("gamma"),
    `  ${SAME} (34ms loading, 17ms verification)`,
    "     Given patient ${nhsNumber} has no Consent",
    "  second (34ms loading, 17ms verification)",
    "\nPending Failures:\n",
    "1) Verifying a pact between beta and ndop-api - a request for the capability statement",
  ],
};
const output = `Verification unsuccessful\n${JSON.stringify(report)}`;

describe("the verifier's results, by consumer", () => {
  it("names each interaction's consumer and pending status, with its own mismatch", () => {
    expect(interactionResults(output)).toEqual([
      {
        consumer: "alpha",
        description: SAME,
        passed: false,
        pending: false,
        mismatch: "expected 200 but was 400",
      },
      {
        consumer: "beta",
        description: SAME,
        passed: false,
        pending: true,
        mismatch: "expected 404 but was 400",
      },
      { consumer: "gamma", description: SAME, passed: true, pending: false },
      {
        consumer: "gamma",
        description: "second",
        passed: false,
        pending: true,
        mismatch: "expected 200 but was 401",
      },
    ]);
  });

  it("counts each interaction once per consumer: passed, failed or pending", () => {
    expect(tallyByConsumer(interactionResults(output))).toEqual([
      { consumer: "alpha", passed: 0, failed: 1, pending: 0 },
      { consumer: "beta", passed: 0, failed: 0, pending: 1 },
      { consumer: "gamma", passed: 1, failed: 0, pending: 1 },
    ]);
  });

  it("reads nothing from output without the report", () => {
    expect(interactionResults("Pact core crashed")).toEqual([]);
  });

  it("keeps apart the failures that belong to no interaction, such as a pact it could not load", () => {
    const unloadable = {
      ...report,
      errors: [
        ...report.errors,
        {
          interaction: "Failed to load pact",
          mismatch: { message: "Failed to load pact 'x.json' - Failed to parse Pact JSON" },
        },
      ],
    };
    expect(verifierFailures(JSON.stringify(unloadable))).toEqual([
      "Failed to load pact: Failed to load pact 'x.json' - Failed to parse Pact JSON",
    ]);
    expect(verifierFailures(output)).toEqual([]);
  });
});
