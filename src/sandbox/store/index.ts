import { ConformanceError } from "../../errors/index.js";
import type { ConsentStore } from "./consent-store.js";
import { MemoryStore } from "./memory-store.js";
import { SqliteStore } from "./sqlite-store.js";

export type {
  ConsentStore,
  CreateOutcome,
  JsonObject,
  NewVersion,
  PreferenceKey,
  StoredVersion,
  UpdateOutcome,
} from "./consent-store.js";
export { MemoryStore } from "./memory-store.js";
export { preferenceKeyOf } from "./preference-key.js";
export { SqliteStore } from "./sqlite-store.js";

/** `memory` or `sqlite:<path>`, as the --store flag and NDOP_SANDBOX_STORE take it. */
export function openStore(spec: string): ConsentStore {
  if (spec === "memory") return new MemoryStore();
  if (spec.startsWith("sqlite:") && spec.length > "sqlite:".length)
    return new SqliteStore(spec.slice("sqlite:".length));
  throw new ConformanceError("USAGE", `Unknown store "${spec}": use memory or sqlite:<path>.`, {
    spec,
  });
}
