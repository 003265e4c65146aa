import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PactV4 } from "@pact-foundation/pact";
import { NdopClient, type NdopRequest } from "../client/index.js";
import {
  DEFAULT_INTERACTION_IDS,
  type Format,
  type Interaction,
  type RunConfig,
  resolveConfig,
} from "../config/index.js";
import { ConformanceError, PactError } from "../errors/index.js";
import { type JsonObject, type NdopValidator, PDS_PATIENT_BASE } from "../fhir/index.js";
import { loadFixture } from "../fixture-files/index.js";
import {
  buildStepRequest,
  type FixtureExpectation,
  type FixtureStep,
  fillTemplate,
  type LoadedFixture,
  sendStep,
} from "../fixtures/index.js";
import { CREDENTIAL_HEADERS } from "./credentials.js";
import { PACT_EXAMPLES, PACT_INTERACTIONS, type PactInteractionSpec } from "./interactions.js";
import { recordDespiteMockServerRace } from "./mock-server-race.js";
import { injected, requestBodyTemplate, responseBodyTemplate } from "./pact-body.js";
import { matchers, pactJs } from "./pact-js.js";

const MEDIA = {
  json: "^application/(fhir\\+json|json\\+fhir)(;.*)?$",
  xml: "^application/(fhir\\+xml|xml\\+fhir)(;.*)?$",
};
export const BASE_PATH = "/STU3";

export interface PactNames {
  consumer: string;
  provider: string;
}

export interface GeneratedInteraction {
  description: string;
  state?: string;
}

/** The consumer and provider names, from the settings (NDOP_PACT_CONSUMER, NDOP_PACT_PROVIDER). */
export function pactNames(env: Record<string, string | undefined> = process.env): PactNames {
  return {
    consumer: env.NDOP_PACT_CONSUMER || "ndop-conformance-client",
    provider: env.NDOP_PACT_PROVIDER || "ndop-fhir-api",
  };
}

/**
 * Records the consumer contract: for each catalogued fixture step and format, the request the
 * NDOP client really sends, against the Pact mock server, and the answer it relies on.
 * Writes `<pactsDir>/<consumer>-<provider>.json` (Pact V4).
 */
export async function generatePacts(options: {
  pactsDir: string;
  fixturesDir: string;
  validator: NdopValidator;
  names?: PactNames;
}): Promise<GeneratedInteraction[]> {
  const names = options.names ?? pactNames();
  const pact = new (pactJs().PactV4)({
    ...names,
    dir: options.pactsDir,
    spec: pactJs().SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: "error",
  });
  const generated: GeneratedInteraction[] = [];
  for (const spec of PACT_INTERACTIONS) {
    const loaded = loadFixture(
      join(options.fixturesDir, `${spec.fixture}.json`),
      spec.fixture.split("/")[0] as string,
      options.fixturesDir,
    );
    for (const format of spec.formats) {
      generated.push(await recordInteraction(pact, loaded, spec, format, options));
    }
  }
  return generated;
}

/** The example values a contract's requests carry; provider states replace them (pact-body.ts). */
const EXAMPLE_VARIABLES: Readonly<Record<string, unknown>> = {
  ...PACT_EXAMPLES,
  patientReference: `${PDS_PATIENT_BASE}${PACT_EXAMPLES.nhsNumber}`,
  patientReferenceEncoded: encodeURIComponent(`${PDS_PATIENT_BASE}${PACT_EXAMPLES.nhsNumber}`),
};

/** One interaction as recorded: the step's request as the client sends it, and the answer relied on. */
interface Recording {
  step: FixtureStep;
  format: Format;
  request: NdopRequest;
  /** The JSON body the request carries, when the step builds one. */
  sent: JsonObject | undefined;
  expect: FixtureExpectation;
  status: number;
  fixtureId: string;
  description: string;
}

/** What the consumer writes through pact-js's request and response builders. */
interface PactBuilder {
  headers(headers: Record<string, string>): unknown;
  jsonBody(body: unknown): unknown;
}
interface PactRequestBuilder extends PactBuilder {
  query(query: Record<string, string>): unknown;
  body(contentType: string, body: Buffer): unknown;
}

async function recordInteraction(
  pact: PactV4,
  loaded: LoadedFixture,
  spec: PactInteractionSpec,
  format: Format,
  options: { fixturesDir: string; validator: NdopValidator },
): Promise<GeneratedInteraction> {
  const step = stepUnderTest(loaded, spec);
  const { request, sent } = buildStepRequest(step, format, EXAMPLE_VARIABLES, options);
  const expect = fillTemplate(step.expect, EXAMPLE_VARIABLES);
  const description = `${loaded.fixture.title} [${format}] (${loaded.id}, step ${spec.step + 1})`;
  const status = Number([expect.status].flat()[0]);
  const recording: Recording = {
    step,
    format,
    request,
    sent,
    expect,
    status,
    description,
    fixtureId: loaded.id,
  };
  const [path = ""] = request.path.split("?");
  await recordDespiteMockServerRace((answered) =>
    givenStates(pact.addInteraction(), spec.state, request)
      .uponReceiving(description)
      .withRequest(request.method, injected(`${BASE_PATH}${path}`) as string, (builder) =>
        describeRequest(builder, recording),
      )
      .willRespondWith(recording.status, (builder) => describeResponse(builder, recording))
      .executeTest(async (mockServer) => {
        await sendToMockServer(`${mockServer.url}${BASE_PATH}`, recording);
        answered();
      }),
  );
  return spec.state ? { description, state: spec.state } : { description };
}

/** The catalogued step, which must exist and be the step under test. */
function stepUnderTest(loaded: LoadedFixture, spec: PactInteractionSpec): FixtureStep {
  const step = loaded.fixture.steps[spec.step];
  if (step === undefined)
    throw new ConformanceError("FIXTURE_INVALID", `${spec.fixture} has no step ${spec.step}`, {
      fixture: spec.fixture,
    });
  // A setup step stands for what the provider state builds: recording it instead of the step
  // under test replays a write the state has already made (and fails it on the mock server).
  if (step.setup === true)
    throw new ConformanceError(
      "FIXTURE_INVALID",
      `${spec.fixture} step ${spec.step + 1} is a setup step: the contract records the step under test`,
      { fixture: spec.fixture },
    );
  return step;
}

/** The interaction's provider state, then one state per credential header left out on purpose. */
function givenStates(
  interaction: ReturnType<PactV4["addInteraction"]>,
  state: string | undefined,
  request: NdopRequest,
): ReturnType<PactV4["addInteraction"]> {
  let given = state ? interaction.given(state) : interaction;
  for (const header of absentCredentials(request.headers ?? {}, request.withoutSecurityHeaders))
    given = given.given(`the request carries no ${header}`);
  return given;
}

function describeRequest(builder: PactRequestBuilder, recording: Recording): void {
  const { request, sent, format, step } = recording;
  const query = request.path.split("?")[1];
  if (query)
    builder.query(
      Object.fromEntries(
        [...new URLSearchParams(query)].map(([name, value]) => [name, injected(value) as string]),
      ),
    );
  builder.headers(
    requestHeaders(
      request.headers ?? {},
      request.interaction,
      request.withoutSecurityHeaders === true,
      request.accept,
      request.body === undefined ? undefined : request.contentType,
    ),
  );
  if (request.body === undefined) return;
  if (sent && format === "json" && !step.bodyFormat) builder.jsonBody(requestBodyTemplate(sent));
  else builder.body(request.contentType ?? "application/octet-stream", Buffer.from(request.body));
}

function describeResponse(builder: PactBuilder, { expect, format, fixtureId }: Recording): void {
  const { regex } = matchers();
  const headers: Record<string, unknown> = {};
  if (expect.resource && expect.resource !== "none")
    headers["Content-Type"] = regex(
      MEDIA[format],
      format === "json"
        ? "application/fhir+json; charset=utf-8"
        : "application/fhir+xml; charset=utf-8",
    );
  const checks = expect.checks ?? [];
  if (expect.headers?.Location || checks.includes("location-names-new-version"))
    headers.Location = regex(
      ".*/Consent/[^/]+/_history/[^/]+$",
      `https://example.org${BASE_PATH}/Consent/${PACT_EXAMPLES.consentId}/_history/${PACT_EXAMPLES.v2}`,
    );
  if (checks.some((check) => check.startsWith("etag")))
    headers.ETag = regex('^W/"[^"]+"$', `W/"${PACT_EXAMPLES.v2}"`);
  builder.headers(headers as Record<string, string>);
  const body = format === "json" ? responseBodyTemplate(expect, fixtureId) : undefined;
  if (body !== undefined) builder.jsonBody(body);
}

/** Sends the step as the NDOP client does: its method for the interaction, raw `send` if malformed. */
async function sendToMockServer(baseUrl: string, recording: Recording): Promise<void> {
  const client = new NdopClient(consumerConfig(baseUrl));
  try {
    const response = await sendStep(recording.step, recording.request, client);
    if (response.status !== recording.status)
      throw new PactError(
        "PACT_RECORDING_FAILED",
        `${recording.description}: the mock server answered ${response.status}`,
        { status: response.status },
      );
  } finally {
    await client.close();
  }
}

/**
 * The credential headers a negative security interaction leaves out on purpose. The contract
 * marks each with a provider state, since the verifier adds every credential a request lacks.
 */
function absentCredentials(
  extra: Record<string, string | null>,
  withoutSecurity: boolean | undefined,
): string[] {
  return CREDENTIAL_HEADERS.filter((header) => withoutSecurity === true || extra[header] === null);
}

/** The headers the client sends, as the contract states them: fresh values (JWT, trace id) as patterns. */
function requestHeaders(
  extra: Record<string, string | null>,
  interaction: Interaction,
  withoutSecurity: boolean,
  accept: string | undefined,
  contentType: string | undefined,
): Record<string, string> {
  const { regex, string, uuid } = matchers();
  const headers: Record<string, unknown> = { Accept: accept ?? "application/fhir+json" };
  if (contentType) headers["Content-Type"] = contentType;
  if (!withoutSecurity) {
    if (extra.Authorization !== null)
      headers.Authorization = regex(
        "^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.$",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJleGFtcGxlIn0.",
      );
    if (extra["Ssp-TraceID"] !== null)
      headers["Ssp-TraceID"] = uuid("5b9a2e8e-8b1f-4f5e-9a3c-2d6e7f8a9b0c");
    if (extra["Ssp-From"] !== null) headers["Ssp-From"] = string("200000000001");
    if (extra["Ssp-To"] !== null) headers["Ssp-To"] = string("999999999999");
    if (extra["Ssp-InteractionID"] !== null)
      headers["Ssp-InteractionID"] = DEFAULT_INTERACTION_IDS[interaction];
  }
  return headers as Record<string, string>;
}

function consumerConfig(baseUrl: string): RunConfig {
  // No .env is read: the mock server needs nothing from the user's settings.
  return resolveConfig({
    env: { NDOP_ENV: "custom", NDOP_BASE_URL: baseUrl, NDOP_RETRIES: "0" },
    cwd: tmpdir(),
    flags: {},
    defaultFixturesDir: ".",
  }).config;
}
