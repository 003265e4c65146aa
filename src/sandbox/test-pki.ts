import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type Forge from "node-forge";

/**
 * node-forge is loaded on first use: only `sandbox --tls` and the TLS tests need it, and every
 * process that loads the sandbox (each conformance run, twice) paid for loading it.
 */
const loadForge = (): typeof Forge => createRequire(import.meta.url)("node-forge");

export interface TestPki {
  caCert: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
}

interface Issued {
  key: string;
  cert: string;
  forgeCert: Forge.pki.Certificate;
  forgeKey: Forge.pki.rsa.PrivateKey;
}

/**
 * A throw-away certificate authority with a server certificate for 127.0.0.1/localhost (or the
 * names given: a test may stand a loopback server in for another host name) and one client
 * certificate, so mutual TLS can be tested for real. Sandbox only: never a Spine CA.
 */
export function generateTestPki(serverNames: string[] = ["127.0.0.1", "localhost"]): TestPki {
  const ca = issue("ndop-conformance test CA", undefined, { ca: true });
  const server = issue(serverNames[0] ?? "127.0.0.1", ca, { serverNames });
  const client = issue("ndop-conformance test client", ca, { client: true });
  return {
    caCert: ca.cert,
    serverKey: server.key,
    serverCert: server.cert,
    clientKey: client.key,
    clientCert: client.cert,
  };
}

function issue(
  commonName: string,
  issuer: Issued | undefined,
  use: { ca?: boolean; serverNames?: string[]; client?: boolean },
): Issued {
  // Node generates the key natively (node-forge's pure-JS RSA takes seconds); forge builds the X.509.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const forge = loadForge();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as Forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const subject = [{ name: "commonName", value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.forgeCert.subject.attributes : subject);
  const extensions: object[] = [{ name: "basicConstraints", cA: use.ca === true }];
  if (use.ca)
    extensions.push({ name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true });
  else extensions.push({ name: "keyUsage", digitalSignature: true, keyEncipherment: true });
  if (use.serverNames) {
    extensions.push({ name: "extKeyUsage", serverAuth: true });
    extensions.push({
      name: "subjectAltName",
      altNames: use.serverNames.map((name) =>
        /^[\d.]+$/.test(name) ? { type: 7, ip: name } : { type: 2, value: name },
      ),
    });
  }
  if (use.client) extensions.push({ name: "extKeyUsage", clientAuth: true });
  cert.setExtensions(extensions);
  cert.sign(issuer?.forgeKey ?? forgeKey, forge.md.sha256.create());
  return { key: keyPem, cert: forge.pki.certificateToPem(cert), forgeCert: cert, forgeKey };
}
