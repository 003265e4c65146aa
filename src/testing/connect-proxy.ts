import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

export interface ConnectProxy {
  /** The proxy's URL, for NDOP_HTTPS_PROXY. */
  url: string;
  /** Each CONNECT target asked for (`host:port`), refused or not. */
  tunnels: string[];
  close(): Promise<void>;
}

/**
 * An HTTPS (CONNECT) proxy on loopback that maps host names to loopback ports, so a test can
 * reach a local server under another name (the Production host name, for the guard test). It
 * never opens a connection anywhere but 127.0.0.1: any host it does not map is refused.
 */
export async function startConnectProxy(routes: Record<string, number>): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const open = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.writeHead(405).end("CONNECT only\n");
  });
  server.on("connect", (request, client: Socket, head: Buffer) => {
    const target = request.url ?? "";
    tunnels.push(target);
    const host = target.replace(/:\d+$/, "").toLowerCase().replace(/\.+$/, "");
    const port = routes[host];
    if (port === undefined) {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = connect(port, "127.0.0.1", () => {
      open.add(client).add(upstream);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on("error", drop);
    client.on("error", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of open) socket.destroy();
      }),
  };
}
