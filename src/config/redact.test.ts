import { describe, expect, it } from "vitest";
import { redactHeaders, redactSecrets, redactUrlCredentials } from "./redact.js";
import { SECRET_SETTINGS } from "./settings.js";

describe("redactHeaders: every credential header, in any case, and nothing else", () => {
  it("replaces the credential of each secret header, keeping a leading auth scheme", () => {
    expect(
      redactHeaders({
        authorization: "Bearer eyJhbGciOiJub25lIn0.e30.",
        "Proxy-Authorization": "Basic cHJveHk6aHVudGVyMg==",
        Cookie: "sid=s3cret",
        "SET-COOKIE": "sid=s3cret; Path=/; HttpOnly",
        Accept: "application/fhir+json",
      }),
    ).toEqual({
      authorization: "Bearer [redacted]",
      "Proxy-Authorization": "Basic [redacted]",
      Cookie: "[redacted]",
      "SET-COOKIE": "[redacted]",
      Accept: "application/fhir+json",
    });
  });

  it("keeps only a scheme at the very start: a word inside the credential is not one", () => {
    expect(redactHeaders({ Cookie: "sid=s3cret theme=dark" })).toEqual({ Cookie: "[redacted]" });
  });
});

describe("redactSecrets: the values of secret settings only", () => {
  it("names the secret settings", () => {
    expect(SECRET_SETTINGS).toEqual([
      "NDOP_CLIENT_KEY_PASSPHRASE",
      "PACT_BROKER_TOKEN",
      "PACT_BROKER_PASSWORD",
    ]);
  });

  it("replaces each occurrence of every secret value, and leaves other settings' values", () => {
    expect(
      redactSecrets("token t0k, password pw, again t0k, asid 200000000001", {
        PACT_BROKER_TOKEN: "t0k",
        PACT_BROKER_PASSWORD: "pw",
        NDOP_CLIENT_ASID: "200000000001",
      }),
    ).toBe("token [redacted], password [redacted], again [redacted], asid 200000000001");
  });

  it("leaves the text alone when a secret setting is empty or not given", () => {
    expect(redactSecrets("abc", { PACT_BROKER_TOKEN: "", PACT_BROKER_PASSWORD: undefined })).toBe(
      "abc",
    );
  });
});

describe("redactUrlCredentials: the password of user:password@ wherever it appears", () => {
  it("keeps the user name and the rest", () => {
    expect(redactUrlCredentials("proxy http://alice:hunter2@proxy.internal:8080 failed")).toBe(
      "proxy http://alice:[redacted]@proxy.internal:8080 failed",
    );
  });

  it("leaves text without credentials alone", () => {
    expect(redactUrlCredentials("http://proxy.internal:8080/ and mail@host")).toBe(
      "http://proxy.internal:8080/ and mail@host",
    );
  });
});
