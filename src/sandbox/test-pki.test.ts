import { X509Certificate } from "node:crypto";
import { createRequire } from "node:module";
import type Forge from "node-forge";
import { describe, expect, it, vi } from "vitest";
import { generateTestPki } from "./index.js";

describe("generateTestPki", () => {
  it("names the server certificate after its first name, 127.0.0.1 when none is given", () => {
    const subjectOf = (names?: string[]) =>
      new X509Certificate(generateTestPki(names).serverCert).subject;
    expect(subjectOf([])).toBe("CN=127.0.0.1");
    expect(subjectOf(["ndop.test"])).toBe("CN=ndop.test");
  });

  it("makes the server certificate good for 127.0.0.1 and localhost, or the names given: IPs as IPs", () => {
    const namesOf = (names?: string[]) =>
      new X509Certificate(generateTestPki(names).serverCert).subjectAltName;
    expect(namesOf()).toBe("IP Address:127.0.0.1, DNS:localhost");
    expect(namesOf(["ndop.test", "10.0.0.1", "host1", "1.example"])).toBe(
      "DNS:ndop.test, IP Address:10.0.0.1, DNS:host1, DNS:1.example",
    );
  });

  it("makes every certificate valid from a minute ago (clock skew) for seven days", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.UTC(2026, 0, 5, 9, 0, 0));
      const pki = generateTestPki();
      const periods = [pki.caCert, pki.serverCert, pki.clientCert].map((pem) => {
        const certificate = new X509Certificate(pem);
        return [certificate.validFrom, certificate.validTo];
      });
      const period = ["Jan  5 08:59:00 2026 GMT", "Jan 12 09:00:00 2026 GMT"];
      expect(periods).toEqual([period, period, period]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the generated certificates", () => {
  // One PKI for the three: each reads it only, and three RSA keys take a second or more to make.
  let generated: ReturnType<typeof generateTestPki> | undefined;
  const shared = () => {
    generated ??= generateTestPki();
    return generated;
  };

  it("are a named CA, a leaf server certificate and a leaf client certificate for TLS client auth", () => {
    const pki = shared();
    const ca = new X509Certificate(pki.caCert);
    const server = new X509Certificate(pki.serverCert);
    const client = new X509Certificate(pki.clientCert);
    expect([ca.subject, server.issuer, client.issuer, client.subject]).toEqual([
      "CN=ndop-conformance test CA",
      "CN=ndop-conformance test CA",
      "CN=ndop-conformance test CA",
      "CN=ndop-conformance test client",
    ]);
    expect([ca.ca, server.ca, client.ca]).toEqual([true, false, false]);
    // X509Certificate.keyUsage lists the extended key usages: serverAuth and clientAuth.
    expect([server.keyUsage, client.keyUsage]).toEqual([
      ["1.3.6.1.5.5.7.3.1"],
      ["1.3.6.1.5.5.7.3.2"],
    ]);
    expect([server.verify(ca.publicKey), client.verify(ca.publicKey)]).toEqual([true, true]);
  });

  it("mark the CA alone a CA, its key usage critical, for certificate signing and CRLs only", () => {
    const forge = createRequire(import.meta.url)("node-forge") as typeof Forge;
    const pki = shared();
    const extension = (pem: string, name: string) =>
      forge.pki.certificateFromPem(pem).getExtension(name) as Record<string, unknown>;
    // Read from the certificate itself: Node's X509Certificate.ca also needs keyCertSign.
    expect(
      [pki.caCert, pki.serverCert, pki.clientCert].map(
        (pem) => extension(pem, "basicConstraints").cA,
      ),
    ).toEqual([true, false, false]);
    const keyUsage = extension(pki.caCert, "keyUsage");
    expect([keyUsage.critical, keyUsage.keyCertSign, keyUsage.cRLSign]).toEqual([true, true, true]);
    expect([keyUsage.digitalSignature, keyUsage.keyEncipherment]).toEqual([false, false]);
  });

  it("give the server and client certificates the key usages of a TLS key: signatures and key encipherment", () => {
    const forge = createRequire(import.meta.url)("node-forge") as typeof Forge;
    const pki = shared();
    const usages = [pki.serverCert, pki.clientCert].map((pem) => {
      const usage = forge.pki.certificateFromPem(pem).getExtension("keyUsage") as Record<
        string,
        unknown
      >;
      return [usage.digitalSignature, usage.keyEncipherment, usage.keyCertSign, usage.critical];
    });
    // RSA key transport (TLS 1.2 without ECDHE) needs keyEncipherment; a stricter peer checks both.
    expect(usages).toEqual([
      [true, true, false, false],
      [true, true, false, false],
    ]);
  });
});
