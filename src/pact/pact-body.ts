import {
  type JsonObject,
  NDOP_CONSENT_PROFILE,
  PDS_PATIENT_BASE,
  SPINE_CODE_SYSTEM,
} from "../fhir/index.js";
import type { FixtureExpectation } from "../fixtures/index.js";
import { PACT_EXAMPLES } from "./interactions.js";
import { matchers } from "./pact-js.js";

const FHIR_DATE_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$";
const INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$";

/** Provider-state expressions for the example values a request carries. */
const INJECTED: [string, string][] = [
  [PACT_EXAMPLES.consentId, "${consentId}"],
  [PACT_EXAMPLES.v1, "${v1}"],
  [PACT_EXAMPLES.v2, "${v2}"],
  [PACT_EXAMPLES.nhsNumber, "${nhsNumber}"],
];

/** A string carrying example values becomes a provider-state injected value; others stay as they are. */
export function injected(value: string): unknown {
  const { fromProviderState } = matchers();
  let expression = value;
  for (const [example, parameter] of INJECTED) {
    expression = expression
      .split(example)
      .join(parameter)
      .split(encodeURIComponent(example))
      .join(parameter);
  }
  return expression === value ? value : fromProviderState(expression, value);
}

/**
 * The request body as the consumer sends it, with matchers where the provider decides the value
 * (its patients and ids) or the value changes with time (dateTime).
 */
export function requestBodyTemplate(sent: JsonObject): unknown {
  const { regex } = matchers();
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === "string")
      return key === "dateTime" && value === PACT_EXAMPLES.now
        ? regex(FHIR_DATE_TIME, value)
        : injected(value);
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value !== null && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, walk(item, name)]),
      );
    return value;
  };
  return walk(sent);
}

/**
 * What the consumer relies on in a JSON answer, as matchers: shapes and types for everything the
 * server assigns (ids, versions, times), literals only for what the contract fixes.
 */
export function responseBodyTemplate(expect: FixtureExpectation, fixture: string): unknown {
  const resource = expect.resource ?? "none";
  const template = Object.hasOwn(BODY_TEMPLATES, resource) ? BODY_TEMPLATES[resource] : undefined;
  return template?.(expect, fixture);
}

/** The answer's body by the resource the fixture expects; none for other answers. */
const BODY_TEMPLATES: Readonly<
  Record<string, (expect: FixtureExpectation, fixture: string) => unknown>
> = {
  OperationOutcome: (expect) => operationOutcomeTemplate(expect),
  Consent: () => consentTemplate(),
  Bundle: (_expect, fixture) => historyBundleTemplate(fixture),
  CapabilityStatement: () => capabilityStatementTemplate(),
};

function operationOutcomeTemplate(expect: FixtureExpectation): unknown {
  const { eachLike, string } = matchers();
  return {
    resourceType: "OperationOutcome",
    issue: eachLike({
      severity: "error",
      code: oneOf(expect.issueCode ?? "invalid"),
      details: {
        coding: [
          {
            system: SPINE_CODE_SYSTEM,
            code: oneOf(expect.spineCode ?? "INVALID_RESOURCE"),
            display: string("a Spine display"),
          },
        ],
      },
    }),
  };
}

function consentTemplate(): unknown {
  const { regex, string } = matchers();
  return {
    resourceType: "Consent",
    id: string(PACT_EXAMPLES.consentId),
    meta: {
      versionId: string(PACT_EXAMPLES.v1),
      lastUpdated: regex(INSTANT, "2026-01-01T00:00:00.000Z"),
      profile: [NDOP_CONSENT_PROFILE],
    },
    status: string("active"),
    patient: {
      reference: regex(
        `^${PDS_PATIENT_BASE.replace(/[./]/g, "\\$&")}\\d{10}$`,
        `${PDS_PATIENT_BASE}${PACT_EXAMPLES.nhsNumber}`,
      ),
    },
  };
}

function historyBundleTemplate(fixture: string): unknown {
  const { eachLike, integer, string } = matchers();
  if (fixture.endsWith("-empty")) return { resourceType: "Bundle", type: "history", total: 0 };
  const entry = {
    fullUrl: string("https://example.org/STU3/Consent/example"),
    resource: {
      resourceType: "Consent",
      id: string(PACT_EXAMPLES.consentId),
      meta: { versionId: string(PACT_EXAMPLES.v1) },
    },
  };
  return { resourceType: "Bundle", type: "history", total: integer(2), entry: eachLike(entry, 2) };
}

function capabilityStatementTemplate(): unknown {
  const { arrayContaining, eachLike, like } = matchers();
  return {
    resourceType: "CapabilityStatement",
    fhirVersion: "3.0.1",
    rest: eachLike({
      mode: "server",
      resource: arrayContaining(
        like({
          type: "Consent",
          profile: { reference: NDOP_CONSENT_PROFILE },
          versioning: "versioned",
          readHistory: true,
          updateCreate: false,
        }),
      ),
    }),
  };
}

function oneOf(values: string | string[]): unknown {
  const { regex } = matchers();
  const list = [values].flat();
  if (list.length === 1) return list[0];
  return regex(
    `^(${list.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`,
    list[0] as string,
  );
}
