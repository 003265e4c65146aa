import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ConformanceError } from "../errors/index.js";
import { isWrite } from "../safety/index.js";
import { STATES_THAT_WRITE } from "./provider-states.js";

export interface SkippedInteraction {
  /** The consumer whose pact holds it. */
  consumer: string;
  description: string;
  reason: string;
}

interface PactDocument {
  consumer?: { name?: string };
  interactions?: {
    description: string;
    request?: { method?: string };
    providerStates?: { name: string }[];
  }[];
}

const UNCONFIRMED = "writes to Production are not confirmed (NDOP_ALLOW_PRODUCTION_WRITES)";

/**
 * Copies of the pact files without the interactions that would write to Production: those whose
 * request writes, or whose provider state has to create data through the API first. They are
 * left out before the verifier starts, so nothing is sent for them, and reported as skipped.
 */
export function withoutWrites(pactFiles: string[]): {
  files: string[];
  skipped: SkippedInteraction[];
  kept: number;
} {
  const folder = mkdtempSync(join(tmpdir(), "ndop-pact-read-only-"));
  const skipped: SkippedInteraction[] = [];
  let kept = 0;
  const files = pactFiles.map((file, index) => {
    const pact = readPact(file);
    const interactions = (pact.interactions ?? []).filter((interaction) => {
      const reason = whyItWrites(interaction);
      if (reason)
        skipped.push({
          consumer: pact.consumer?.name ?? "(unknown consumer)",
          description: interaction.description,
          reason,
        });
      return reason === undefined;
    });
    kept += interactions.length;
    const copy = join(folder, `${index}-${basename(file)}`);
    writeFileSync(copy, JSON.stringify({ ...pact, interactions }));
    return copy;
  });
  return { files, skipped, kept };
}

function whyItWrites(
  interaction: NonNullable<PactDocument["interactions"]>[number],
): string | undefined {
  const method = interaction.request?.method ?? "GET";
  if (isWrite(method)) return `it writes (${method.toUpperCase()}), and ${UNCONFIRMED}`;
  const state = interaction.providerStates?.find((candidate) =>
    STATES_THAT_WRITE.has(candidate.name),
  );
  if (state) return `its provider state "${state.name}" creates data, and ${UNCONFIRMED}`;
  return undefined;
}

function readPact(file: string): PactDocument {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PactDocument;
  } catch {
    throw new ConformanceError("FILE_UNREADABLE", `${file} is not a readable pact (JSON).`, {
      file,
    });
  }
}
