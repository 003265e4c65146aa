import type { ExchangeRecord } from "../client/index.js";
import { redactHeaders, redactUrlCredentials } from "../config/index.js";
import { prettyXml } from "./pretty-xml.js";

/** One request and its answer, as the client records it. */
export type HttpExchange = ExchangeRecord;

/** What a redacted credential becomes in a curl command: a shell variable the reader sets. */
const CREDENTIAL_VARIABLE = "$NDOP_BEARER_TOKEN";

/**
 * The exchange as HTTP reads on the wire: request line, headers, a blank line and the body
 * (JSON pretty-printed), then the status line, headers and body of the answer. Credentials are
 * redacted, whatever the recorder did.
 */
export function renderHttpExchange(exchange: HttpExchange): string {
  const request = [
    `${exchange.method} ${redactUrlCredentials(exchange.url)} HTTP/1.1`,
    ...headerLines(exchange.requestHeaders),
    ...bodyLines(exchange.requestBody),
  ];
  const timing = `${Math.round(exchange.durationMs)} ms, ${exchange.attempts} attempt${exchange.attempts === 1 ? "" : "s"}`;
  const answer =
    exchange.status === undefined
      ? [`(no answer, ${timing})`, "", exchange.responseBody]
      : [
          `HTTP/1.1 ${exchange.status}   (${timing})`,
          ...headerLines(exchange.responseHeaders),
          ...bodyLines(exchange.responseBody),
        ];
  return `${[...request, "", ...answer].join("\n")}\n`;
}

/**
 * A curl command that repeats the request, to paste into a shell. The recorded credential is
 * never in it: a redacted Authorization header reads `$NDOP_BEARER_TOKEN` for the reader to set.
 */
export function renderCurl(exchange: HttpExchange): string {
  const parts = [`curl -i -X ${exchange.method} ${shellQuote(redactUrlCredentials(exchange.url))}`];
  for (const [name, value] of Object.entries(redactHeaders(exchange.requestHeaders))) {
    if (value.includes("[redacted]"))
      parts.push(`-H "${name}: ${value.replace("[redacted]", CREDENTIAL_VARIABLE)}"`);
    else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (exchange.requestBody !== undefined)
    parts.push(`--data-binary ${shellQuote(exchange.requestBody)}`);
  return `${parts.join(" \\\n  ")}\n`;
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(redactHeaders(headers)).map(([name, value]) => `${name}: ${value}`);
}

function bodyLines(body: string | undefined): string[] {
  if (body === undefined || body === "") return [];
  return ["", prettyBody(body)];
}

/** JSON and XML indented by two spaces; anything else (text, malformed bodies) as sent. */
export function prettyBody(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith("<")) return prettyXml(body) ?? body;
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Malformed JSON is shown as the server sent it: that is what the check judged.
    return body;
  }
}

/** POSIX single quotes: the text is taken literally by the shell. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
