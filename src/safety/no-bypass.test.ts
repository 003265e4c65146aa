import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NETWORK_MODULES = ["undici", "node:http", "node:https", "node:http2", "node:net", "node:tls"];
/** A network module, or one of its files (`undici/lib/dispatcher/agent.js`). */
const isNetworkModule = (module: string) =>
  NETWORK_MODULES.some((name) => module === name || module.startsWith(`${name}/`));
/** What a server may take from those modules: it listens, it never sends. */
const SERVER_SIDE = new Set(["createServer", "AddressInfo"]);

/** Product code: everything under src and suites but tests and test helpers (src/testing). */
function productFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(ROOT, file).startsWith(join("src", "testing")));
}

/**
 * Each way a file could open a connection of its own: a client name imported from a network
 * module, the module loaded at run time (`import()`, `require`, a `createRequire` function), or
 * fetch.
 */
function senders(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)"/g)) {
    const [, typeOnly, clause = "", module = ""] = match;
    if (typeOnly || !isNetworkModule(module)) continue;
    const names = /\{([^}]*)\}/.exec(clause)?.[1]?.split(",") ?? [clause];
    for (const raw of names) {
      const name = raw.trim();
      if (name === "" || name.startsWith("type ")) continue;
      if (!SERVER_SIDE.has(name.split(/\s+as\s+/)[0] ?? "")) found.push(`${module}: ${name}`);
    }
  }
  for (const match of source.matchAll(/(?:\brequire|\bimport|\))\s*\(\s*["']([^"']+)["']\s*\)/g)) {
    const module = match[1] ?? "";
    if (isNetworkModule(module)) found.push(`${module}: loaded at run time`);
  }
  if (/\bfetch\s*\(/.test(source)) found.push("fetch");
  return found;
}

describe("no request can bypass the Production guard", () => {
  it("only the NDOP client's transport (which consults the guard) can open a connection in product code", () => {
    const offenders = Object.fromEntries(
      [...productFiles(join(ROOT, "src")), ...productFiles(join(ROOT, "suites"))]
        .map((file) => [relative(ROOT, file), senders(readFileSync(file, "utf8"))] as const)
        .filter(([, found]) => found.length > 0),
    );
    expect(offenders).toEqual({
      [join("src", "client", "ndop-client.ts")]: [
        "undici/lib/dispatcher/dispatcher.js: loaded at run time",
        "undici/lib/api/index.js: loaded at run time",
        "undici/lib/dispatcher/agent.js: loaded at run time",
        "undici/lib/dispatcher/proxy-agent.js: loaded at run time",
      ],
    });
  });

  it("sees a sender where there is one (the scan itself can fail)", () => {
    expect(senders('import { request } from "undici";\nawait fetch(url);')).toEqual([
      "undici: request",
      "fetch",
    ]);
    expect(senders('import * as https from "node:https";')).toEqual(["node:https: * as https"]);
    expect(senders('import { createServer, type Server } from "node:http";')).toEqual([]);
    expect(
      senders(
        'const u = createRequire(import.meta.url)("undici");\nconst t = require("node:tls");\nawait import("node:net");\nrequire("undici/lib/dispatcher/client.js");',
      ),
    ).toEqual([
      "undici: loaded at run time",
      "node:tls: loaded at run time",
      "node:net: loaded at run time",
      "undici/lib/dispatcher/client.js: loaded at run time",
    ]);
    expect(senders('const c = createRequire(import.meta.url)("commander");')).toEqual([]);
  });
});
