import { describe, expect, it } from "vitest";
import { type JsonObject, NDOP_CONSENT_PROFILE } from "../fhir/index.js";
import { consentFor, pollFor, send, startTestSandbox, testValidator } from "../testing/index.js";
import type { SandboxContext } from "./context.js";
import { updateConsent } from "./handlers/update-consent.js";
import { newVersion } from "./handlers/versioning.js";
import { idScheme } from "./id-scheme.js";
import { ruleSet } from "./rule-set.js";
import { sandboxSettings } from "./settings.js";
import { SpineError } from "./spine-outcome.js";
import { type ConsentStore, MemoryStore } from "./store/index.js";

/** Edges of the sandbox that its ordinary traffic does not reach: each builds what it needs. */

describe("a sandbox answer", () => {
  it("is written once: a log that throws after the answer is logged as an internal error, not answered again", async () => {
    const lines: string[] = [];
    const log = (line: string) => {
      lines.push(line);
      if (!line.startsWith("internal error")) throw new Error("the log sink is full");
    };
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    const sandbox = await startTestSandbox({}, { log });
    try {
      const answer = await send(sandbox, "GET", "/metadata");
      expect(answer.status).toBe(200);
      await pollFor(() => lines.find((line) => line.startsWith("internal error")));
      // An unhandled rejection is reported once the turn's promise jobs have run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines.slice(1)).toEqual(["internal error: the log sink is full"]);
      expect(rejections).toEqual([]);
      expect((await send(sandbox, "GET", "/metadata")).status).toBe(200);
    } finally {
      process.off("unhandledRejection", onRejection);
      await sandbox.close();
    }
  });

  it("keeps a null the seed stored when the JSON is indented and reordered", async () => {
    const sandbox = await startTestSandbox({
      jsonStyle: "indented-reordered",
      idScheme: "sequence",
    });
    try {
      const stored = sandbox.seed({ ...consentFor(), text: null } as JsonObject);
      const answer = await send(
        sandbox,
        "GET",
        `/Consent/${stored.id}/_history/${stored.versionId}`,
        {
          interaction: "vread",
        },
      );
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
      expect(JSON.parse(answer.text)).toEqual(stored.resource);
      expect(stored.resource.text).toBeNull();
    } finally {
      await sandbox.close();
    }
  });
});

describe("the store-drops-nic fault", () => {
  it("stores a Consent sent without extensions as it is, without an empty extension array", async () => {
    const sandbox = await startTestSandbox({ faults: ["store-drops-nic"], idScheme: "sequence" });
    try {
      const { extension: _extension, ...consent } = consentFor();
      const stored = sandbox.seed(consent);
      expect(stored.resource).toEqual({
        ...consent,
        id: stored.id,
        meta: {
          versionId: stored.versionId,
          lastUpdated: stored.lastUpdated,
          profile: [NDOP_CONSENT_PROFILE],
        },
      });
    } finally {
      await sandbox.close();
    }
  });
});

/**
 * A store another sandbox on the same SQLite file clears between the update's look-up of the
 * current version and its write: the one moment the store itself finds no such Consent.
 */
function clearedAfterLookUp(store: ConsentStore): ConsentStore {
  return new Proxy(store, {
    get(target, name) {
      if (name === "currentVersionId")
        return (id: string) => {
          const current = target.currentVersionId(id);
          target.reset();
          return current;
        };
      const value = Reflect.get(target, name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("an update racing a reset", () => {
  it("answers 404 when the Consent is gone by the time the update is written", () => {
    const memory = new MemoryStore();
    const context: SandboxContext = {
      settings: sandboxSettings({ idScheme: "sequence" }),
      faults: new Set(),
      rules: ruleSet([]),
      store: clearedAfterLookUp(memory),
      validator: testValidator(),
      ids: idScheme("sequence"),
      baseUrl: "http://127.0.0.1/STU3",
    };
    const consent = consentFor();
    expect(memory.create(newVersion(consent, "c1", "1", context)).ok).toBe(true);
    const answer = updateConsent(
      {
        method: "PUT",
        segments: ["Consent", "c1"],
        query: new URLSearchParams(),
        headers: { "content-type": "application/fhir+json" },
        body: Buffer.from(JSON.stringify({ ...consent, id: "c1" })),
        baseUrl: context.baseUrl,
      },
      context,
    );
    expect(answer).toBeInstanceOf(SpineError);
    expect((answer as SpineError).message).toBe("404 NO_RECORD_FOUND: No Consent with id c1.");
    expect(memory.current("c1")).toBeUndefined();
  });
});
