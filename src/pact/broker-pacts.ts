import { request } from "undici";
import type { BrokerSettings } from "./broker.js";
import type { PactDocument } from "./verification-results.js";

/** The selectors the provider verification asks the broker for (main branch, deployed or released). */
export const CONSUMER_VERSION_SELECTORS = [{ mainBranch: true }, { deployedOrReleased: true }];

const TIMEOUT_MS = 30_000;

/**
 * The pacts a broker hands out for this provider's verification, read again after the verifier
 * has run: the verifier keeps them to itself, and a failure's report needs its interaction.
 * Best effort: a broker that cannot be read here gives none, and the report says so.
 */
export async function brokerPacts(
  broker: BrokerSettings,
  provider: string,
): Promise<PactDocument[]> {
  try {
    const base = broker.url.replace(/\/+$/, "");
    const listed = (await brokerJson(
      broker,
      `${base}/pacts/provider/${encodeURIComponent(provider)}/for-verification`,
      { consumerVersionSelectors: CONSUMER_VERSION_SELECTORS, includePendingStatus: true },
    )) as { _embedded?: { pacts?: { _links?: { self?: { href?: string } } }[] } };
    const hrefs = (listed._embedded?.pacts ?? []).flatMap((pact) => pact._links?.self?.href ?? []);
    return (await Promise.all(hrefs.map((href) => brokerJson(broker, href)))) as PactDocument[];
  } catch {
    return [];
  }
}

async function brokerJson(broker: BrokerSettings, url: string, body?: object): Promise<unknown> {
  const response = await request(url, {
    method: body ? "POST" : "GET",
    headers: {
      accept: "application/hal+json, application/json",
      ...(body ? { "content-type": "application/json" } : {}),
      ...authorization(broker.credentials),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`the broker answered ${response.statusCode}`);
  }
  return response.body.json();
}

function authorization(credentials: Record<string, string>): Record<string, string> {
  const { PACT_BROKER_TOKEN: token, PACT_BROKER_USERNAME: username } = credentials;
  if (token) return { authorization: `Bearer ${token}` };
  if (username) {
    const basic = Buffer.from(`${username}:${credentials.PACT_BROKER_PASSWORD ?? ""}`);
    return { authorization: `Basic ${basic.toString("base64")}` };
  }
  return {};
}
