import { beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import {
  consentFor,
  type Exchange,
  expectedFile,
  nextPatient,
  send,
  startTestSandbox,
  withProxy,
} from "../testing/index.js";
import { FAULTS, type FaultName, type RunningSandbox } from "./index.js";
import { VALIDATOR_RULE_FAULTS } from "./rule-set.js";

const PDS = "https://demographics.spineservices.nhs.uk/STU3/Patient/";

/**
 * One fixed conversation with the sandbox, covering every interaction and the errors a fault can
 * hide. Each answer is reduced to what a client can observe, with ids and times replaced by
 * placeholders numbered in order of appearance, so two runs compare equal unless behaviour differs.
 */
async function conversation(sandbox: RunningSandbox): Promise<string[]> {
  const seen: string[] = [];
  const ids = new Map<string, string>();
  const observe = (answer: Exchange) => {
    const headers = ["content-type", "location", "etag"]
      .map((name) => `${name}=${answer.headers[name] ?? "-"}`)
      .join(" ");
    const normalised = `${answer.status} ${headers} ${answer.text}`
      .replaceAll(sandbox.baseUrl, "<base>")
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => {
        if (!ids.has(uuid)) ids.set(uuid, `<id${ids.size}>`);
        return ids.get(uuid) as string;
      })
      .replace(/999\d{7}/g, (nhsNumber) => {
        if (!ids.has(nhsNumber)) ids.set(nhsNumber, `<patient${ids.size}>`);
        return ids.get(nhsNumber) as string;
      })
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
      .replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, "<date>");
    seen.push(normalised);
    return answer;
  };
  const patient = nextPatient();
  const consent = consentFor(patient);
  observe(await send(sandbox, "GET", "/metadata", { interaction: "capabilities" }));
  observe(await send(sandbox, "GET", "/metadata", { format: "xml", interaction: "capabilities" }));
  observe(await send(sandbox, "GET", "/metadata?_format=xml", { interaction: "capabilities" }));
  observe(await send(sandbox, "GET", "/metadata", { interaction: "none" }));
  const created = observe(
    await send(sandbox, "POST", "/Consent", { body: consent, interaction: "create" }),
  );
  const id = String(created.body.id);
  const firstVersion = String((created.body.meta as JsonObject | undefined)?.versionId);
  observe(await send(sandbox, "POST", "/Consent", { body: consent, interaction: "create" }));
  observe(
    await send(sandbox, "POST", "/Consent", {
      body: { ...consent, id: "00000000-0000-4000-8000-00000000000a" },
      interaction: "create",
    }),
  );
  for (const broken of [
    consentFor(undefined, {
      patient: { reference: `${PDS}6105551234` },
      consentingParty: [{ reference: `${PDS}6105551234` }],
    }),
    withProxy(consentFor()),
    consentFor(undefined, { status: "proposed" }),
    consentFor(undefined, { dateTime: "2017-12-14" }),
    consentFor(undefined, {
      purpose: [
        {
          system: "https://snomed.info/sct",
          code: "370856009",
          display: "Limiting access to confidential patient information",
        },
      ],
    }),
  ]) {
    observe(await send(sandbox, "POST", "/Consent", { body: broken, interaction: "create" }));
  }
  const updated = observe(
    await send(sandbox, "PUT", `/Consent/${id}`, {
      body: { ...consent, id, status: "inactive" },
      interaction: "update",
    }),
  );
  observe(
    await send(sandbox, "PUT", `/Consent/${id}`, {
      body: { ...consent, id },
      interaction: "update",
      headers: { "If-Match": `W/"${firstVersion}"` },
    }),
  );
  observe(
    await send(sandbox, "PUT", `/Consent/${id}`, {
      body: { ...consent, id: "00000000-0000-4000-8000-00000000000b" },
      interaction: "update",
    }),
  );
  const unknown = "00000000-0000-4000-8000-00000000000c";
  observe(
    await send(sandbox, "PUT", `/Consent/${unknown}`, {
      body: consentFor(undefined, { id: unknown }),
      interaction: "update",
    }),
  );
  observe(
    await send(sandbox, "GET", `/Consent/${id}/_history`, { interaction: "history-instance" }),
  );
  observe(
    await send(sandbox, "GET", `/Consent/${id}/_history`, {
      format: "xml",
      interaction: "history-instance",
    }),
  );
  observe(
    await send(sandbox, "GET", `/Consent/_history?patient=${encodeURIComponent(PDS + patient)}`, {
      interaction: "history-type",
    }),
  );
  observe(
    await send(
      sandbox,
      "GET",
      `/Consent/_history?patient=${encodeURIComponent(PDS + nextPatient())}`,
      { interaction: "history-type" },
    ),
  );
  observe(
    await send(sandbox, "GET", `/Consent/${id}/_history/${firstVersion}`, { interaction: "vread" }),
  );
  observe(
    await send(
      sandbox,
      "GET",
      `/Consent/${id}/_history/${String((updated.body.meta as JsonObject | undefined)?.versionId)}`,
      { format: "xml", interaction: "vread" },
    ),
  );
  return seen;
}

describe("every fault mode changes what a client observes", () => {
  let baseline: string[];
  beforeAll(async () => {
    const sandbox = await startTestSandbox();
    try {
      baseline = await conversation(sandbox);
    } finally {
      await sandbox.close();
    }
  });

  it("the conversation is repeatable without faults (so a difference means the fault)", async () => {
    const sandbox = await startTestSandbox();
    try {
      expect(await conversation(sandbox)).toEqual(baseline);
    } finally {
      await sandbox.close();
    }
  });

  // Faults that forget one validation rule change only the answer to a Consent that breaks it:
  // src/cli/run-faults.test.ts shows each is caught by the negative fixture for that rule.
  // So are the fault modes whose broken behaviour this conversation does not exercise (a bad
  // JWT, an unreadable body, unknown ids and parameters, a proxy's NIC, other patients' Consents).
  const exercisedElsewhere: ReadonlySet<string> = new Set([
    "skip-jwt-check",
    "unreadable-body-as-422",
    "history-unknown-id-empty",
    "history-ignores-unknown-parameters",
    "store-drops-nic",
    "patient-history-ignores-patient",
  ]);
  const observable = (Object.keys(FAULTS) as FaultName[]).filter(
    (fault) => !VALIDATOR_RULE_FAULTS.has(fault) && !exercisedElsewhere.has(fault),
  );
  it.each(observable)("%s", async (fault) => {
    const sandbox = await startTestSandbox({ faults: [fault] });
    try {
      const observed = await conversation(sandbox);
      const differences = observed
        .map((answer, index) => (answer === baseline[index] ? "" : `step ${index}: ${answer}\n`))
        .join("");
      expect(differences, `${fault} changed nothing`).not.toBe("");
      // The exact observations the fault gives, step by step (NDOP_UPDATE_EXPECTED=1 records them).
      const { expected, actual } = expectedFile(`faults/${fault}.txt`, differences);
      expect(actual).toBe(expected);
    } finally {
      await sandbox.close();
    }
  });
});
