import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateTestPki } from "./index.js";

describe("generateTestPki", () => {
  it("names the server certificate after its first name, 127.0.0.1 when none is given", () => {
    const subjectOf = (names?: string[]) =>
      new X509Certificate(generateTestPki(names).serverCert).subject;
    expect(subjectOf([])).toBe("CN=127.0.0.1");
    expect(subjectOf(["ndop.test"])).toBe("CN=ndop.test");
  });
});
