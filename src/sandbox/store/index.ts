import { ConformanceError } from "../../errors/index.js";
import type { ConsentStore } from "./consent-store.js";
import { MemoryStore } from "./memory-store.js";
import { checkSqliteDriver } from "./sqlite-driver.js";
import { SqliteStore } from "./sqlite-store.js";

export type {
  ConsentStore,
  CreateOutcome,
  NewVersion,
  PreferenceKey,
  StoredVersion,
  UpdateOutcome,
} from "./consent-store.js";
export { MemoryStore } from "./memory-store.js";
export { preferenceKeyOf } from "./preference-key.js";
export { NATIVE_MISMATCH_MESSAGE } from "./sqlite-driver.js";
export { SqliteStore } from "./sqlite-store.js";

/** `memory` or `sqlite:<path>`, as the --store flag and NDOP_SANDBOX_STORE take it. */
export function openStore(spec: string): ConsentStore {
  const parsed = parseStoreSpec(spec);
  return parsed.kind === "memory" ? new MemoryStore() : new SqliteStore(parsed.path);
}

/**
 * Refuses, before anything starts, a store that could not open: an unknown spec, or a SQLite
 * store whose native module does not load under this Node.
 */
export function checkStore(spec: string): void {
  if (parseStoreSpec(spec).kind === "sqlite") checkSqliteDriver();
}

function parseStoreSpec(spec: string): { kind: "memory" } | { kind: "sqlite"; path: string } {
  if (spec === "memory") return { kind: "memory" };
  if (spec.startsWith("sqlite:") && spec.length > "sqlite:".length)
    return { kind: "sqlite", path: spec.slice("sqlite:".length) };
  throw new ConformanceError("USAGE", `Unknown store "${spec}": use memory or sqlite:<path>.`, {
    spec,
  });
}
