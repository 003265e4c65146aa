import type { PactState } from "./interactions.js";

export interface StateDoc {
  sentence: string;
  parameters: string;
  sandbox: string;
  elsewhere: string;
  returns: string;
}

/**
 * The provider states the verifier understands, as docs/provider-states.md publishes them
 * (a test keeps the two in step). Keyed by the handlers' sentences so none is left out.
 */
export const STATE_DOCS: Readonly<Record<PactState, Omit<StateDoc, "sentence">>> = {
  "patient ${nhsNumber} has no Consent": {
    parameters: "none",
    sandbox: "takes a fresh test patient with no Consent",
    elsewhere: "takes a fresh patient from the test pool (999 range); sends nothing",
    returns: "nhsNumber",
  },
  "patient ${nhsNumber} has a Consent": {
    parameters: "none",
    sandbox: "seeds an active Consent for a fresh test patient",
    elsewhere: "creates an active Consent (POST /Consent) for a fresh test patient",
    returns: "nhsNumber, consentId",
  },
  "Consent ${consentId} exists for patient ${nhsNumber} with status active": {
    parameters: "none",
    sandbox: "seeds an active Consent for a fresh test patient",
    elsewhere: "creates an active Consent (POST /Consent) for a fresh test patient",
    returns: "nhsNumber, consentId, v1 (its version)",
  },
  "Consent ${consentId} for patient ${nhsNumber} has versions ${v1} and ${v2}": {
    parameters: "none",
    sandbox: "seeds an active Consent, then withdraws it (PUT, status inactive)",
    elsewhere: "creates an active Consent, then withdraws it (PUT, status inactive)",
    returns: "nhsNumber, consentId, v1, v2",
  },
};

/** The state that marks a negative security interaction (see credentials.ts). */
export const CARRIES_NO_DOC: StateDoc = {
  sentence: "the request carries no <header>",
  parameters:
    "<header>: one of Authorization, Ssp-TraceID, Ssp-From, Ssp-To, Ssp-InteractionID (one state per header)",
  sandbox: "nothing; the replayed request is sent without that header",
  elsewhere: "the same",
  returns: "nothing",
};

/** The rows of the table in docs/provider-states.md, cells trimmed. */
export function stateTableRows(): string[][] {
  const documented = Object.entries(STATE_DOCS).map(([sentence, doc]) => ({ sentence, ...doc }));
  return [...documented, CARRIES_NO_DOC].map((doc) => [
    `\`${doc.sentence}\``,
    doc.parameters,
    doc.sandbox,
    doc.elsewhere,
    doc.returns,
  ]);
}

/** The table as Markdown, to paste into the doc when a state changes. */
export function stateTableMarkdown(): string {
  const header = "| Sentence | Parameters | In the sandbox | On Int/Dep | Returns for ${...} |";
  const rule = "| --- | --- | --- | --- | --- |";
  const rows = stateTableRows().map((cells) => `| ${cells.join(" | ")} |`);
  return [header, rule, ...rows].join("\n");
}
