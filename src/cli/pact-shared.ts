import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { redactSecrets, redactUrlCredentials } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";

/** The Allure feature every Pact result is filed under. */
export const PACT_FEATURE = "Pact contracts";

export interface PactFlags {
  out?: string;
  env?: string;
  baseUrl?: string;
  pact?: string;
  pacts?: string;
  reportsDir?: string;
  toEnvironment?: string;
  pacticipant?: string;
  version?: string;
}

export const pactsDirOf = (flags: PactFlags) =>
  resolve(flags.out ?? flags.pacts ?? join(flags.reportsDir ?? "reports", "pacts"));

/** A broker's reply may echo what it was sent: no token, password or URL credential is printed. */
export function redactBrokerOutput(output: string): string {
  return redactUrlCredentials(redactSecrets(output, process.env));
}

/** The pact files at a path (a file, or the .json files of a folder); none is an error (exit 2). */
export function pactFiles(path: string): string[] {
  if (!existsSync(path))
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `No pact at ${path}: run ndop-conformance pact generate first, or give --pact.`,
      { path },
    );
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith(".json"))
        .map((name) => join(path, name))
    : [path];
  if (files.length === 0)
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `${path} holds no pact files: run ndop-conformance pact generate first.`,
      { path },
    );
  return files;
}
