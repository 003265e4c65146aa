import { createRequire } from "node:module";
import type * as Undici from "undici";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

/**
 * The client loads undici's dispatchers by their files, not through undici's index
 * (ndop-client.ts, loadDispatchers). If an undici release moves them, this fails first.
 */
describe("the undici files the client loads", () => {
  it("give the index's own Agent, ProxyAgent and dispatcher methods", () => {
    const api = require("undici/lib/api/index.js") as Record<string, unknown>;
    const index = require("undici") as typeof Undici;
    expect(require("undici/lib/dispatcher/agent.js")).toBe(index.Agent);
    expect(require("undici/lib/dispatcher/proxy-agent.js")).toBe(index.ProxyAgent);
    expect(require("undici/lib/dispatcher/dispatcher.js")).toBe(index.Dispatcher);
    // The index gives every dispatcher these methods; the client does the same without it.
    expect(Object.keys(api).sort()).toEqual([
      "connect",
      "pipeline",
      "request",
      "stream",
      "upgrade",
    ]);
    for (const [name, method] of Object.entries(api))
      expect(index.Dispatcher.prototype[name as keyof Undici.Dispatcher], name).toBe(method);
  });
});
