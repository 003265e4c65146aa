import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { ConformanceError } from "../errors/index.js";
import {
  DEFAULT_SETTINGS,
  generateTestPki,
  listFaults,
  listVariants,
  parseFaults,
  type RunningSandbox,
  type SandboxSettings,
  startSandbox,
  type TlsSettings,
  variantSettings,
} from "../sandbox/index.js";
import { ExitCode } from "./exit-codes.js";

interface SandboxFlags {
  port: number;
  host: string;
  basePath: string;
  publicBaseUrl?: string;
  store: string;
  fault: string[];
  listFaults?: boolean;
  variant: string[];
  listVariants?: boolean;
  relaxedSecurity?: boolean;
  search?: boolean;
  admin?: boolean;
  updateUnknownId: "404" | "405";
  maxBodyBytes: number;
  maxBodyNodes: number;
  idScheme: "uuid" | "sequence";
  tlsKey?: string;
  tlsCert?: string;
  tlsClientCa?: string;
  tlsGenerate?: string;
}

export function sandboxCommand(setExitCode: (code: ExitCode) => void): Command {
  const command = new Command("sandbox").description(
    "Run the embedded NDOP sandbox in the foreground (one log line per request; Ctrl-C stops it).",
  );
  addLimitOptions(addBehaviourOptions(addListeningOptions(command)));
  return command.action((flags: SandboxFlags) => runSandbox(flags, setExitCode));
}

/** Where the sandbox listens and keeps its data. */
function addListeningOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--port <n>", "port to listen on (0: any free port)")
        .default(8080)
        .argParser(port),
    )
    .option("--host <address>", "address to bind", "127.0.0.1")
    .addOption(
      new Option("--base-path <path>", "FHIR base path: starts with /, e.g. /STU3")
        .default("/STU3")
        .argParser(basePath),
    )
    .option(
      "--public-base-url <url>",
      "the FHIR base URL clients reach the sandbox at, for Location and other absolute URLs (default: the listening address)",
    )
    .option("--store <store>", "memory, or sqlite:<path> to keep data across restarts", "memory");
}

/** How the sandbox behaves: fault modes, variants, security, search, admin routes. */
function addBehaviourOptions(command: Command): Command {
  return command
    .option("--fault <name>", "switch on a fault mode (repeatable; see --list-faults)", collect, [])
    .option("--list-faults", "print the fault modes and exit")
    .option(
      "--variant <name>",
      "behave as one conforming variant (repeatable; see --list-variants)",
      collect,
      [],
    )
    .option("--list-variants", "print the conforming variants and exit")
    .option("--relaxed-security", "serve requests without the JWT and Ssp-* headers")
    .option("--search", "offer search of current preferences (off, as on the real API)")
    .option("--admin", "offer the test-data routes <base>/_admin/reset and <base>/_admin/seed")
    .addOption(
      new Option("--update-unknown-id <status>", "answer to a PUT of an unknown id")
        .choices(["404", "405"])
        .default("404"),
    );
}

/** Body limits, the id scheme and TLS. */
function addLimitOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--max-body-bytes <n>", "largest request body accepted")
        .default(1024 * 1024)
        .argParser(positive),
    )
    .addOption(
      new Option(
        "--max-body-nodes <n>",
        "most nodes a body may have (JSON objects, arrays, members and items; XML elements and attributes; 413 above)",
      )
        .default(DEFAULT_SETTINGS.maxBodyNodes)
        .argParser(positive),
    )
    .addOption(
      new Option("--id-scheme <scheme>", "Consent and version ids: uuid (as Spine) or sequence")
        .choices(["uuid", "sequence"])
        .default("uuid"),
    )
    .option("--tls-key <file>", "serve HTTPS with this private key (PEM)")
    .option("--tls-cert <file>", "and this certificate (PEM)")
    .option("--tls-client-ca <file>", "require client certificates issued by this CA (mutual TLS)")
    .option(
      "--tls-generate <dir>",
      "generate a test CA, server and client certificates into <dir> and serve mutual TLS with them",
    );
}

async function runSandbox(
  flags: SandboxFlags,
  setExitCode: (code: ExitCode) => void,
): Promise<void> {
  if (flags.listFaults || flags.listVariants) {
    process.stdout.write(`${flags.listFaults ? listFaults() : listVariants()}\n`);
    setExitCode(ExitCode.Passed);
    return;
  }
  const settings = settingsFrom(flags);
  const log = batchedLines((text) => process.stdout.write(text));
  const sandbox = await startSandbox(settings, { log: log.write });
  announce(sandbox, flags, settings.faults ?? []);
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await sandbox.close();
  log.flush();
  process.stdout.write(`NDOP sandbox stopped (${signal}).\n`);
  setExitCode(ExitCode.Passed);
}

/**
 * Log lines gathered and written together once the event loop turns: one write for all the
 * requests answered in that turn, instead of one blocking pipe write per request under load.
 */
function batchedLines(output: (text: string) => void): {
  write: (line: string) => void;
  flush: () => void;
} {
  let pending = "";
  const flush = () => {
    if (pending === "") return;
    const text = pending;
    pending = "";
    output(text);
  };
  return {
    write: (line) => {
      if (pending === "") setImmediate(flush);
      pending += `${line}\n`;
    },
    flush,
  };
}

function settingsFrom(flags: SandboxFlags): Partial<SandboxSettings> {
  const settings: Partial<SandboxSettings> = {
    port: flags.port,
    host: flags.host,
    basePath: flags.basePath,
    ...(flags.publicBaseUrl === undefined ? {} : { publicBaseUrl: flags.publicBaseUrl }),
    store: flags.store,
    faults: parseFaults(flags.fault),
    security: flags.relaxedSecurity ? "relaxed" : "strict",
    searchEnabled: flags.search === true,
    adminEnabled: flags.admin === true,
    updateUnknownId: flags.updateUnknownId === "405" ? 405 : 404,
    maxBodyBytes: flags.maxBodyBytes,
    maxBodyNodes: flags.maxBodyNodes,
    idScheme: flags.idScheme,
  };
  const tls = tlsSettings(flags);
  if (tls) settings.tls = tls;
  return withVariants(settings, flags.variant);
}

/** The variants' settings over the flags; a flag set away from its default that a variant contradicts is refused. */
function withVariants(
  settings: Partial<SandboxSettings>,
  variants: string[],
): Partial<SandboxSettings> {
  const chosen = variantSettings(variants);
  for (const [key, value] of Object.entries(chosen) as [keyof SandboxSettings, unknown][]) {
    const flagged = settings[key];
    if (flagged !== undefined && flagged !== DEFAULT_SETTINGS[key] && flagged !== value)
      throw new ConformanceError(
        "USAGE",
        `--variant ${variants.join(", ")} sets ${key} to ${String(value)}, which contradicts the flag that sets it to ${String(flagged)}.`,
      );
  }
  return { ...settings, ...chosen };
}

/** Where the sandbox listens, the admin token when the admin routes are on, and a warning when other machines can reach it. */
function announce(sandbox: RunningSandbox, flags: SandboxFlags, faultNames: string[]): void {
  const faults = faultNames.length ? ` with faults ${faultNames.join(", ")}` : "";
  process.stdout.write(
    `NDOP sandbox at ${sandbox.baseUrl} (${flags.store} store${faults}); Ctrl-C stops it.\n`,
  );
  if (sandbox.adminToken) {
    process.stdout.write(
      `Admin routes ${sandbox.baseUrl}/_admin/reset and /_admin/seed: send Authorization: Bearer ${sandbox.adminToken} and Content-Type: application/json.\n`,
    );
  }
  if (!isLoopback(flags.host)) {
    process.stderr.write(
      `Warning: --host ${flags.host} is not a loopback address: other machines can reach this sandbox, its test data${sandbox.adminToken ? " and its admin routes" : ""}.\n`,
    );
  }
}

function tlsSettings(flags: SandboxFlags): TlsSettings | undefined {
  if (flags.tlsGenerate) return generatedTls(flags.tlsGenerate);
  if (!flags.tlsKey && !flags.tlsCert) {
    if (flags.tlsClientCa)
      throw new ConformanceError("USAGE", "--tls-client-ca needs --tls-key and --tls-cert.");
    return undefined;
  }
  if (!flags.tlsKey || !flags.tlsCert)
    throw new ConformanceError("USAGE", "TLS needs both --tls-key and --tls-cert.");
  const tls: TlsSettings = {
    key: readPem(flags.tlsKey, "--tls-key"),
    cert: readPem(flags.tlsCert, "--tls-cert"),
  };
  if (flags.tlsClientCa) tls.clientCa = readPem(flags.tlsClientCa, "--tls-client-ca");
  return tls;
}

/** A test CA and certificates written where a client (or a person) can pick them up. */
function generatedTls(directory: string): TlsSettings {
  const pki = generateTestPki();
  const files: Record<string, string> = {
    "ca.pem": pki.caCert,
    "server-key.pem": pki.serverKey,
    "server-cert.pem": pki.serverCert,
    "client-key.pem": pki.clientKey,
    "client-cert.pem": pki.clientCert,
  };
  try {
    mkdirSync(directory, { recursive: true });
    for (const [name, pem] of Object.entries(files))
      writeFileSync(join(directory, name), pem, { mode: 0o600 });
  } catch (cause) {
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `Cannot write the test certificates to ${directory}.`,
      { directory },
      { cause },
    );
  }
  return { key: pki.serverKey, cert: pki.serverCert, clientCa: pki.caCert };
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new ConformanceError("FILE_UNREADABLE", `${flag} ${file} cannot be read.`, { file });
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function port(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new ConformanceError(
      "USAGE",
      `--port takes a port number from 0 to 65535, not "${value}".`,
    );
  }
  return number;
}

/** "/STU3" or "/a/b": a leading slash, path segments, and a trailing slash dropped. */
function basePath(value: string): string {
  const trimmed = value.length > 1 ? value.replace(/\/+$/, "") : value;
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed))
    throw new ConformanceError(
      "USAGE",
      `--base-path takes a path that starts with "/" (for example /STU3), not "${value}".`,
    );
  return trimmed;
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new ConformanceError("USAGE", `Expected a positive whole number, not "${value}".`);
  return number;
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: reachable from this machine only. */
function isLoopback(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    address === "localhost" ||
    address === "::1" ||
    /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)
  );
}
