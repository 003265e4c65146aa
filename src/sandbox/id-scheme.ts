import { randomUUID } from "node:crypto";

/** How the sandbox names Consents and versions: UUIDs, as Spine does, or plain sequences. */
export interface IdScheme {
  consentId(): string;
  firstVersion(): string;
  nextVersion(previous: string): string;
}

/**
 * `sequence` exists to show the suite does not lean on one server's naming: it runs unchanged
 * against ids like `ndop-7` and versions 1, 2, 3.
 */
export function idScheme(kind: "uuid" | "sequence"): IdScheme {
  if (kind === "uuid")
    return { consentId: randomUUID, firstVersion: randomUUID, nextVersion: () => randomUUID() };
  let consents = 0;
  return {
    consentId: () => `ndop-${++consents}`,
    firstVersion: () => "1",
    nextVersion: (previous) => String((Number(previous) || 0) + 1),
  };
}
