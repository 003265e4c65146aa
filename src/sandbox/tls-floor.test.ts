import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { startTestSandbox } from "../testing/index.js";
import { generateTestPki } from "./index.js";

/** The handshake's outcome: the protocol agreed, or the error code of the refusal. */
function handshake(port: number, ca: string, version: tls.SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      ca,
      minVersion: "TLSv1",
      maxVersion: version,
      // TLS 1.0 and 1.1 need SHA-1, which OpenSSL 3 refuses above security level 0.
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    socket.once("secureConnect", () => {
      resolve(String(socket.getProtocol()));
      socket.destroy();
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(String(error.code)));
  });
}

describe("the sandbox's TLS floor", () => {
  it("refuses TLS 1.1 even where Node's own default floor is lowered (node --tls-min-v1.0)", async () => {
    const defaults = { min: tls.DEFAULT_MIN_VERSION, ciphers: tls.DEFAULT_CIPHERS };
    // What `node --tls-min-v1.0` (or NODE_OPTIONS) and a legacy cipher policy do to every server.
    tls.DEFAULT_MIN_VERSION = "TLSv1";
    tls.DEFAULT_CIPHERS = "DEFAULT@SECLEVEL=0";
    try {
      const pki = generateTestPki();
      const sandbox = await startTestSandbox({ tls: { key: pki.serverKey, cert: pki.serverCert } });
      try {
        const port = Number(new URL(sandbox.baseUrl).port);
        expect([
          await handshake(port, pki.caCert, "TLSv1.1"),
          await handshake(port, pki.caCert, "TLSv1.2"),
        ]).toEqual(["ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", "TLSv1.2"]);
      } finally {
        await sandbox.close();
      }
    } finally {
      tls.DEFAULT_MIN_VERSION = defaults.min;
      tls.DEFAULT_CIPHERS = defaults.ciphers;
    }
  });
});
