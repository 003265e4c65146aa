import { describe, expect, it } from "vitest";
import { routeFor } from "./router.js";
import { SpineError } from "./spine-outcome.js";

/** Contract section 5 by path shape: which methods a path takes, as which interaction. */
const shape = (path: string, adminEnabled = false) => {
  const methods = routeFor(path === "" ? [] : path.split("/"), adminEnabled);
  return (
    methods &&
    Object.fromEntries(
      Object.entries(methods).map(([method, route]) => [
        method,
        [route?.interaction ?? "admin", route?.hasBody, route?.admin ?? false],
      ]),
    )
  );
};

describe("routes of section 5", () => {
  it.each([
    ["metadata", { GET: ["capabilities", false, false] }],
    ["Consent", { POST: ["create", true, false], GET: ["search-type", false, false] }],
    ["Consent/_history", { GET: ["history-type", false, false] }],
    [
      "Consent/abc-1",
      {
        PUT: ["update", true, false],
        GET: ["vread", false, false],
        DELETE: ["update", false, false],
      },
    ],
    ["Consent/abc-1/_history", { GET: ["history-instance", false, false] }],
    ["Consent/abc-1/_history/2", { GET: ["vread", false, false] }],
  ])("%s takes %j", (path, methods) => {
    expect(shape(path)).toEqual(methods);
  });

  it.each([
    "",
    "metadata/x",
    "Patient",
    "Consent/bad_id!",
    "Consent/abc/other",
    "Consent/abc/_history/bad_id!",
    "Consent/abc/_history/2/more",
    "Consent/_history/x",
    "_admin/reset",
  ])("does not serve %s", (path) => {
    expect(shape(path)).toBeUndefined();
  });

  it("serves the admin routes only when they are on", () => {
    expect(shape("_admin/reset", true)).toEqual({ POST: ["admin", false, true] });
    expect(shape("_admin/seed", true)).toEqual({ POST: ["admin", true, true] });
    expect(shape("_admin/other", true)).toBeUndefined();
    expect(shape("_admin/seed/x", true)).toBeUndefined();
    expect(shape("metadata", true)).toEqual({ GET: ["capabilities", false, false] });
    expect(shape("Consent/reset", true)).toEqual(shape("Consent/reset"));
  });

  it("answers read and delete of a Consent with 400 INVALID_REQUEST_TYPE, naming the interaction", () => {
    const methods = routeFor(["Consent", "abc"], false);
    const answer = (method: "GET" | "DELETE") => {
      const reply = methods?.[method]?.handler({} as never, {} as never);
      expect(reply).toBeInstanceOf(SpineError);
      const error = reply as SpineError;
      return [error.status, error.spineCode, error.diagnostics];
    };
    expect(answer("GET")).toEqual([
      400,
      "INVALID_REQUEST_TYPE",
      "Reading the current Consent (read) is not supported by the NDOP API.",
    ]);
    expect(answer("DELETE")).toEqual([
      400,
      "INVALID_REQUEST_TYPE",
      "Deleting a Consent is not supported by the NDOP API.",
    ]);
  });
});
