import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A pact the stand-in serves for verification, and whether the broker calls it pending. */
export interface BrokerPact {
  file: string;
  consumer: string;
  pending?: boolean;
}

export interface RecordingBroker {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Names = { consumer: string; provider: string };
type Pacts = Map<string, { content: () => string; pending: boolean }>;

/** One request as a route sees it, with the broker's state and a way to answer. */
interface BrokerExchange {
  base: string;
  path: string;
  body: string;
  names: Names;
  pacts: Pacts;
  /** The consumer whose pact (or its verification results) the path names, if any. */
  pactConsumer: string | undefined;
  /** The credentials echoed back, when the broker is started to echo them; "" otherwise. */
  echoed: string;
  pactHref(consumer: string): string;
  send(status: number, document: Record<string, unknown>): void;
}

/** A route: whether it serves a request, and its answer. The first that serves one answers it. */
interface Route {
  serves(exchange: BrokerExchange): boolean;
  answer(exchange: BrokerExchange): void;
}

/**
 * A stand-in for a Pact Broker, on loopback: the real broker is a separate service users already
 * run, so tests record what the official client and verifier send to one. It answers just enough
 * of the broker's HAL API for publishing, can-i-deploy, fetching pacts for verification and
 * publishing verification results. It serves the pacts it is started with, and a contract
 * published to it replaces its consumer's pact (as not pending: a pact the provider verified).
 */
export async function startRecordingBroker(
  pactFiles: string | BrokerPact[],
  names: Names,
  /** Echo the credentials it was sent in its replies, as a careless or hostile broker might. */
  options: { echoCredentials?: boolean } = {},
): Promise<RecordingBroker> {
  const requests: RecordedRequest[] = [];
  const pacts: Pacts = new Map(
    (typeof pactFiles === "string"
      ? [{ file: pactFiles, consumer: names.consumer }]
      : pactFiles
    ).map(({ file, consumer, pending }) => [
      consumer,
      { content: () => readFileSync(file, "utf8"), pending: pending ?? false },
    ]),
  );
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body,
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const exchange = exchangeOf(request, response, { base, body, names, pacts, options });
      const route = ROUTES.find((candidate) => candidate.serves(exchange)) ?? NOT_SERVED;
      route.answer(exchange);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function exchangeOf(
  request: IncomingMessage,
  response: ServerResponse,
  broker: {
    base: string;
    body: string;
    names: Names;
    pacts: Pacts;
    options: { echoCredentials?: boolean };
  },
): BrokerExchange {
  const { base, names, pacts } = broker;
  const pactHref = (consumer: string) =>
    `${base}/pacts/provider/${names.provider}/consumer/${consumer}/version/1.0.0`;
  const path = (request.url ?? "").split("?")[0] ?? "";
  const pactConsumer = [...pacts.keys()].find(
    (consumer) =>
      path.replace(/\/verification-results$/, "") === new URL(pactHref(consumer)).pathname,
  );
  // Every HAL document names itself; the verifier follows `self`.
  const send = (status: number, document: Record<string, unknown>) => {
    const links = {
      self: { href: `${base}${request.url}` },
      ...(document._links as object | undefined),
    };
    response
      .writeHead(status, { "Content-Type": "application/hal+json" })
      .end(JSON.stringify({ ...document, _links: links }));
  };
  const echoed = broker.options.echoCredentials
    ? ` (you sent Authorization: ${request.headers.authorization ?? "nothing"})`
    : "";
  return { base, path, body: broker.body, names, pacts, pactConsumer, echoed, pactHref, send };
}

/** The broker's HAL API, in the order the routes are tried. */
const ROUTES: Route[] = [
  { serves: ({ path }) => path === "/", answer: (exchange) => exchange.send(200, index(exchange)) },
  { serves: ({ path }) => path === "/contracts/publish", answer: publishContracts },
  {
    serves: ({ path, names }) => path === `/pacts/provider/${names.provider}/for-verification`,
    answer: ({ pacts, pactHref, send }) =>
      send(200, {
        _embedded: {
          pacts: [...pacts].map(([consumer, { pending }]) => ({
            shortDescription: "latest from main",
            verificationProperties: { pending, notices: [] },
            _links: { self: { href: pactHref(consumer), name: "pact" } },
          })),
        },
      }),
  },
  {
    serves: ({ path, pactConsumer }) =>
      pactConsumer !== undefined && !path.endsWith("/verification-results"),
    answer: servePact,
  },
  {
    serves: ({ path, names }) => path === `/pacticipants/${names.provider}`,
    answer: ({ base, names, send }) =>
      send(200, {
        name: names.provider,
        _links: {
          "pb:branch-version": {
            href: `${base}/pacticipants/${names.provider}/branches/{branch}/versions/{version}`,
            templated: true,
          },
        },
      }),
  },
  {
    serves: ({ path, names }) => path.startsWith(`/pacticipants/${names.provider}/branches/`),
    answer: ({ send }) => send(200, {}),
  },
  // A pact's verification results, published.
  {
    serves: ({ pactConsumer }) => pactConsumer !== undefined,
    answer: ({ send }) => send(201, { success: true }),
  },
  { serves: ({ path }) => path === "/matrix", answer: matrix },
];

const NOT_SERVED: Route = {
  serves: () => true,
  answer: ({ path, send }) => send(404, { error: `the recording broker does not serve ${path}` }),
};

function index({ base }: BrokerExchange): Record<string, unknown> {
  return {
    _links: {
      "pb:publish-contracts": { href: `${base}/contracts/publish` },
      "pb:provider-pacts-for-verification": {
        href: `${base}/pacts/provider/{provider}/for-verification`,
        templated: true,
      },
    },
  };
}

/** A published contract replaces its consumer's pact, as one the provider verified (not pending). */
function publishContracts({ base, body, names, pacts, echoed, pactHref, send }: BrokerExchange) {
  for (const contract of JSON.parse(body).contracts as { consumerName: string; content: string }[])
    pacts.set(contract.consumerName, {
      content: () => Buffer.from(contract.content, "base64").toString(),
      pending: false,
    });
  const link = (href: string, name: string) => ({ href: `${base}${href}`, name, title: name });
  const consumer = `/pacticipants/${names.consumer}`;
  send(200, {
    notices: echoed ? [{ type: "info", text: `Published${echoed}` }] : [],
    logs: [],
    _embedded: {
      pacticipant: { name: names.consumer, _links: { self: link(consumer, names.consumer) } },
      version: { number: "1", _links: { self: link(`${consumer}/versions/1`, "1") } },
    },
    _links: {
      "pb:pacticipant": link(consumer, names.consumer),
      "pb:pacticipant-version": link(`${consumer}/versions/1`, "1"),
      "pb:pacticipant-version-tags": [],
      "pb:contracts": [link(new URL(pactHref(names.consumer)).pathname, "pact")],
    },
  });
}

function servePact({ base, names, pacts, pactConsumer, pactHref, send }: BrokerExchange): void {
  const consumer = pactConsumer as string;
  const pact = JSON.parse(pacts.get(consumer)?.content() ?? "{}");
  send(200, {
    ...pact,
    _links: {
      "pb:publish-verification-results": { href: `${pactHref(consumer)}/verification-results` },
      "pb:provider": { href: `${base}/pacticipants/${names.provider}` },
    },
  });
}

function matrix({ echoed, send }: BrokerExchange): void {
  send(200, {
    summary: {
      deployable: true,
      reason: `All required verification results are published and successful${echoed}`,
      success: 1,
      failed: 0,
      unknown: 0,
    },
    matrix: [],
    notices: echoed ? [{ type: "info", text: `Deployable${echoed}` }] : [],
  });
}
