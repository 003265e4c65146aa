import { connect } from "node:net";

export interface RawHttpOptions {
  /** Half-close the connection once the payload is written (a client that gives up). */
  endAfterWrite?: boolean;
  /** How long to wait for the server to close the connection. */
  timeoutMs?: number;
  /** A second payload, written once what the server sent so far matches `after`. */
  followUp?: { after: RegExp; payload: string };
}

/**
 * Raw bytes on one loopback connection, for what an HTTP client library would not send (a body
 * shorter than its Content-Length, pipelined requests): resolves with everything the server sent
 * once the server closes the connection, rejects when it does not close it in time.
 */
export function rawHttp(
  port: number,
  payload: string | Buffer,
  options: RawHttpOptions = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let followUp = options.followUp;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open ${timeoutMs} ms; got: ${received}`));
    }, timeoutMs);
    socket.on("data", (chunk) => {
      received += chunk.toString();
      if (followUp?.after.test(received)) {
        socket.write(followUp.payload);
        followUp = undefined;
      }
    });
    socket.on("end", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(payload, () => {
      if (options.endAfterWrite) socket.end();
    });
  });
}

/** The status line's code, the header block and the body of the first answer in raw text. */
export function parseRawAnswer(raw: string): { status: number; head: string; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const rest = split === -1 ? "" : raw.slice(split + 4);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(raw)?.[1] ?? Number.NaN),
    head,
    body: /^transfer-encoding: chunked$/im.test(head) ? dechunked(rest) : rest,
  };
}

function dechunked(text: string): string {
  let body = "";
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf("\r\n", at);
    const size = Number.parseInt(text.slice(at, lineEnd), 16);
    if (lineEnd === -1 || !(size > 0)) return body;
    body += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** Polls `probe` until it returns a value, or throws after `deadlineMs`. */
export async function pollFor<T>(probe: () => T | undefined, deadlineMs = 5_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing came within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
