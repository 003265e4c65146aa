import { describe, expect, it } from "vitest";
import type { RunConfig } from "../config/index.js";
import { ProductionGuardError } from "../errors/index.js";
import { type LoadedFixture, skipReason, writes } from "../fixtures/index.js";
import {
  assertMaySend,
  isProductionHost,
  isProductionTarget,
  isWrite,
  mayWrite,
  PRODUCTION_WRITE_CONFIRMATION,
} from "./index.js";

const PROD = "https://clinicals.spineservices.nhs.uk/STU3";
const unconfirmed = { environment: "custom" };
const confirmed = {
  environment: "custom",
  productionWriteConfirmation: PRODUCTION_WRITE_CONFIRMATION,
};

function refusal(
  target: Parameters<typeof assertMaySend>[0],
  request: Parameters<typeof assertMaySend>[1],
) {
  try {
    assertMaySend(target, request);
    return undefined;
  } catch (error) {
    if (!(error instanceof ProductionGuardError)) throw error;
    return error.code;
  }
}

describe("the Production guard", () => {
  it("counts every method but GET, HEAD and OPTIONS as a write, in any case", () => {
    const methods = ["GET", "head", "Options", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "get"];
    expect(methods.filter(isWrite)).toEqual(["POST", "PUT", "DELETE", "PATCH", "PROPFIND"]);
  });

  it("knows the Production host by any path, port, case, trailing dot or percent-encoding", () => {
    const production = [
      PROD,
      "https://CLINICALS.SpineServices.NHS.uk:8443/other",
      "http://clinicals.spineservices.nhs.uk./STU3",
      "https://clinicals%2Espineservices.nhs.uk/STU3",
      "https://user:pw@clinicals.spineservices.nhs.uk/STU3",
    ];
    const elsewhere = [
      "https://msg.int.spine2.ncrs.nhs.uk/STU3",
      "https://clinicals.spineservices.nhs.uk.example.org/STU3",
      "https://clinicals.spineservices.nhs.uk@127.0.0.1/STU3",
      "http://127.0.0.1:8080/clinicals.spineservices.nhs.uk",
      "not a url",
    ];
    expect(production.map(isProductionHost)).toEqual(production.map(() => true));
    expect(elsewhere.map(isProductionHost)).toEqual(elsewhere.map(() => false));
  });

  it("treats the prod environment, or the Production host under any environment, as Production", () => {
    expect(isProductionTarget("prod", "http://127.0.0.1:1/STU3")).toBe(true);
    for (const environment of ["custom", "dev", "int", "dep", "sandbox"])
      expect(isProductionTarget(environment, PROD), environment).toBe(true);
    expect(isProductionTarget("int", "https://msg.int.spine2.ncrs.nhs.uk/STU3")).toBe(false);
  });

  it("refuses every write to Production unless the exact sentence is configured", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      expect(refusal(unconfirmed, { method, url: `${PROD}/Consent` }), method).toBe(
        "PRODUCTION_WRITE_REFUSED",
      );
      expect(
        refusal({ environment: "prod" }, { method, url: "http://127.0.0.1:9/STU3/Consent" }),
      ).toBe("PRODUCTION_WRITE_REFUSED");
      expect(refusal(confirmed, { method, url: `${PROD}/Consent` })).toBeUndefined();
    }
    const nearly = {
      environment: "prod",
      productionWriteConfirmation: `${PRODUCTION_WRITE_CONFIRMATION}.`,
    };
    expect(refusal(nearly, { method: "POST", url: `${PROD}/Consent` })).toBe(
      "PRODUCTION_WRITE_REFUSED",
    );
    expect(refusal(unconfirmed, { method: "GET", url: `${PROD}/metadata` })).toBeUndefined();
    expect(
      refusal(unconfirmed, {
        method: "POST",
        url: "https://msg.int.spine2.ncrs.nhs.uk/STU3/Consent",
      }),
    ).toBeUndefined();
    expect(mayWrite(unconfirmed, PROD)).toBe(false);
    expect(mayWrite(confirmed, PROD)).toBe(true);
  });

  it("never lets a real-looking NHS number reach Production, in the path, query or body, confirmed or not", () => {
    const real = "9434765919";
    const cases = [
      {
        method: "GET",
        url: `${PROD}/Consent/_history?patient=https%3A%2F%2Fdemographics.spineservices.nhs.uk%2FSTU3%2FPatient%2F${real}`,
      },
      { method: "GET", url: `${PROD}/Patient/${real}` },
      { method: "POST", url: `${PROD}/Consent`, body: `{"reference":"Patient/${real}"}` },
      {
        method: "POST",
        url: `${PROD}/Consent`,
        body: Buffer.from(`<value value="943 476 5919"/>`),
      },
    ];
    for (const request of cases)
      expect(refusal(confirmed, request), request.url).toBe("REAL_NHS_NUMBER_REFUSED");
    // Synthetic numbers, invalid check digits and longer digit runs are not real NHS numbers.
    for (const body of ["9990000018", "9434765910", "19434765919", "ab9434765919"])
      expect(
        refusal(confirmed, { method: "POST", url: `${PROD}/Consent`, body }),
        body,
      ).toBeUndefined();
    // Outside Production the guard leaves NHS numbers to the settings (NDOP_ALLOW_NON_SYNTHETIC).
    expect(
      refusal(unconfirmed, { method: "GET", url: `http://127.0.0.1:9/STU3/Patient/${real}` }),
    ).toBeUndefined();
  });

  it("names the request in its refusal but never the NHS number", () => {
    try {
      assertMaySend(confirmed, { method: "GET", url: `${PROD}/Patient/9434765919` });
      expect.fail("not refused");
    } catch (error) {
      expect((error as Error).message).toBe(
        "GET to https://clinicals.spineservices.nhs.uk refused: it carries an NHS number outside the synthetic 999 range, and only test patients are ever sent to Production.",
      );
    }
  });
});

describe("the run's notion of a case that writes is the guard's", () => {
  const fixtureWith = (method: string) =>
    ({
      id: `test/${method}`,
      fixture: {
        steps: [
          { method: "GET", path: "/metadata" },
          { method, path: "/Consent/x" },
        ],
      },
    }) as unknown as LoadedFixture;

  it("DELETE and PATCH steps make a case a write, skipped against unconfirmed Production", () => {
    const prod = {
      config: { environment: "prod", writesAllowed: false } as RunConfig,
      declared: new Set<string>(),
    };
    for (const method of ["DELETE", "PATCH", "POST", "PUT"]) {
      expect(writes(fixtureWith(method)), method).toBe(true);
      expect(skipReason(fixtureWith(method), prod)).toMatch(
        /writes to production are not confirmed/,
      );
    }
    expect(writes(fixtureWith("HEAD"))).toBe(false);
  });
});
