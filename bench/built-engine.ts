import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A module of the validation engine as it ships: tsc's output in dist/, which the CLI's bundle is
 * made from. Not src/ through tsx: tsx's transform wraps each function made at run time (every
 * closure of every call) in a naming call, which the shipped build does not make, and that alone
 * cost the engine about 2 µs of the 14 µs of its own work per Consent.
 * `name` is the module's file in src/fhir/ without its extension; the types are src's.
 */
export async function builtEngineModule<Module>(name: string): Promise<Module> {
  const url = new URL(`../dist/fhir/${name}.js`, import.meta.url);
  if (!existsSync(url)) {
    throw new Error(`${fileURLToPath(url)} is missing: run npm run build first.`);
  }
  return (await import(url.href)) as Module;
}
