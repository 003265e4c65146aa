import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Changes one answer's body on its way back; return it unchanged to pass it through. */
export type Rewrite = (path: string, body: string) => string;

export interface RewritingProxy {
  /** The target's FHIR base, through the proxy. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a (loopback) sandbox that rewrites answers: a stand-in for a
 * server that differs from the sandbox in one detail, without adding a mode to the sandbox.
 */
export async function startRewritingProxy(
  targetBaseUrl: string,
  rewrite: Rewrite,
): Promise<RewritingProxy> {
  const target = new URL(targetBaseUrl);
  if (target.hostname !== "127.0.0.1") throw new Error("the proxy only fronts a loopback target");
  const server: Server = createServer((inbound, outbound) => {
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: inbound.method,
        path: inbound.url,
        headers: inbound.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const body = rewrite(inbound.url ?? "", Buffer.concat(chunks).toString("utf8"));
          const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(body)) };
          delete headers["transfer-encoding"];
          outbound.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on("error", () => outbound.writeHead(502).end());
    inbound.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
