import { SECRET_SETTINGS } from "./settings.js";

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** Headers as a report may show them: credentials replaced, the rest untouched. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.has(name.toLowerCase()) ? redactedCredential(value) : value,
    ]),
  );
}

/** `Bearer <JWT>` keeps its scheme; the token itself never reaches a log or report. */
function redactedCredential(value: string): string {
  const scheme = /^(\w+)\s/.exec(value)?.[1];
  return scheme ? `${scheme} [redacted]` : "[redacted]";
}

/** Any secret setting's value in a text (a message, a report) replaced. */
export function redactSecrets(text: string, settings: Record<string, string | undefined>): string {
  let result = text;
  for (const name of SECRET_SETTINGS) {
    const value = settings[name];
    if (value) result = result.split(value).join("[redacted]");
  }
  return result;
}

/** A URL's password replaced, even in text that does not parse as a URL (`user:pass@host`). */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([^\s/@:]+):([^\s/@]+)@/g, "$1:[redacted]@");
}
