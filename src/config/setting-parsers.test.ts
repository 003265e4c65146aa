import { describe, expect, it } from "vitest";
import { configFolder } from "../testing/config-folders.js";
import {
  booleanSetting,
  fileSetting,
  formatsOf,
  interactionIds,
  isUrl,
  listSetting,
  numberSetting,
  updateUnknownId,
} from "./setting-parsers.js";

/** What a parser returns, and the problems it adds, from a fresh list. */
const parse = <T>(run: (problems: string[]) => T): { value: T; problems: string[] } => {
  const problems: string[] = [];
  return { value: run(problems), problems };
};

describe("booleanSetting: true, 1, yes or false, 0, no, in any case, and nothing else", () => {
  it.each([
    ["true", true],
    ["YES", true],
    ["1", true],
    ["False", false],
    ["no", false],
    ["0", false],
  ])("reads %s as %s", (given, meant) => {
    expect(parse((problems) => booleanSetting("NDOP_TLS_VERIFY", given, !meant, problems))).toEqual(
      { value: meant, problems: [] },
    );
  });

  // Each holds a word of the other kind, or of the right kind with more around it.
  it.each(["10", "01", "untrue", "truest", "nope", "zero"])(
    "refuses %s and keeps the fallback",
    (given) => {
      expect(parse((problems) => booleanSetting("NDOP_TLS_VERIFY", given, true, problems))).toEqual(
        { value: true, problems: [`NDOP_TLS_VERIFY "${given}" is not true or false.`] },
      );
    },
  );

  it("uses the fallback when the setting is not given", () => {
    expect(
      parse((problems) => booleanSetting("NDOP_TLS_VERIFY", undefined, false, problems)),
    ).toEqual({ value: false, problems: [] });
  });
});

describe("numberSetting: a whole number of at least the minimum", () => {
  it("takes the minimum itself", () => {
    expect(parse((problems) => numberSetting("NDOP_RETRIES", "0", 2, 0, problems))).toEqual({
      value: 0,
      problems: [],
    });
  });

  it("refuses a number below the minimum: a timeout of 0 ms", () => {
    expect(parse((problems) => numberSetting("NDOP_TIMEOUT_MS", "0", 10_000, 1, problems))).toEqual(
      {
        value: 10_000,
        problems: ['NDOP_TIMEOUT_MS "0" is not a whole number of at least 1.'],
      },
    );
  });

  // Number() reads " " as 0 and "0x10" as 16: a setting is a number only in plain decimal digits.
  it.each(["-1", "1.5", "soon", "Infinity", " ", "0x10", "1e3", "+3"])(
    "refuses %j and keeps the fallback",
    (given) => {
      expect(parse((problems) => numberSetting("NDOP_RETRIES", given, 2, 0, problems))).toEqual({
        value: 2,
        problems: [`NDOP_RETRIES "${given}" is not a whole number of at least 0.`],
      });
    },
  );
});

describe("listSetting: comma-separated, each item trimmed, empty items dropped", () => {
  it("splits and trims", () => {
    expect(listSetting(" 9990000018 ,9990000026,, ")).toEqual(["9990000018", "9990000026"]);
  });

  it("is empty when not given", () => {
    expect(listSetting(undefined)).toEqual([]);
  });
});

describe("formatsOf: json, xml or both", () => {
  it.each([
    ["json", ["json"]],
    ["xml", ["xml"]],
    ["both", ["json", "xml"]],
  ])("%s runs %j", (given, formats) => {
    expect(parse((problems) => formatsOf(given, problems))).toEqual({
      value: formats,
      problems: [],
    });
  });

  it("refuses anything else and runs both", () => {
    expect(parse((problems) => formatsOf("JSON", problems))).toEqual({
      value: ["json", "xml"],
      problems: ['NDOP_FORMAT (--format) "JSON" is not json, xml or both.'],
    });
  });
});

describe("updateUnknownId: the status a PUT to an unknown id must get", () => {
  it.each([
    [undefined, 404],
    ["404", 404],
    ["405", 405],
  ])("%s means %s", (given, status) => {
    expect(parse((problems) => updateUnknownId(given, problems))).toEqual({
      value: status,
      problems: [],
    });
  });

  it("refuses any other status and expects 404", () => {
    expect(parse((problems) => updateUnknownId("400", problems))).toEqual({
      value: 404,
      problems: ['NDOP_EXPECT_UPDATE_UNKNOWN_ID "400" is not 404 or 405.'],
    });
  });
});

describe("interactionIds: interaction=id pairs", () => {
  it("trims the spaces around each name and id", () => {
    expect(parse((problems) => interactionIds(" create = urn:x , vread=urn:y", problems))).toEqual({
      value: { create: "urn:x", vread: "urn:y" },
      problems: [],
    });
  });

  it.each(["=urn:x", "create=", "create", "toString=urn:x"])(
    "refuses %s: a pair needs a known interaction and an id",
    (pair) => {
      const { value, problems } = parse((found) => interactionIds(pair, found));
      expect(value).toEqual({});
      expect(problems).toEqual([
        `NDOP_INTERACTION_IDS entry "${pair}" is not interaction=id (capabilities, create, update, vread, history-instance, history-type, search-type; formerly metadata, history, search).`,
      ]);
    },
  );
});

describe("fileSetting: a path kept under its key, with a problem when nothing is there", () => {
  it("keeps an existing file without a problem", () => {
    const folder = configFolder({ "client.pem": "certificate" });
    const file = `${folder}/client.pem`;
    expect(parse((problems) => fileSetting("NDOP_CLIENT_CERT", file, "cert", problems))).toEqual({
      value: { cert: file },
      problems: [],
    });
  });

  it("keeps a missing file too, so the problem can name it", () => {
    expect(
      parse((problems) => fileSetting("NDOP_CA_BUNDLE", "/no/such/ca.pem", "ca", problems)),
    ).toEqual({
      value: { ca: "/no/such/ca.pem" },
      problems: ["NDOP_CA_BUNDLE names /no/such/ca.pem, which does not exist."],
    });
  });

  it("is nothing when not given", () => {
    expect(parse((problems) => fileSetting("NDOP_CA_BUNDLE", undefined, "ca", problems))).toEqual({
      value: {},
      problems: [],
    });
  });
});

describe("isUrl: http and https URLs only", () => {
  it.each([
    ["https://127.0.0.1:1/STU3", true],
    ["http://localhost", true],
    ["ftp://127.0.0.1/", false],
    ["127.0.0.1:1/STU3", false],
    ["not a url", false],
  ])("%s: %s", (given, answer) => {
    expect(isUrl(given)).toBe(answer);
  });
});
