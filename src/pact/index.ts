/**
 * Pact: the consumer contract, recorded step by step through the NDOP client's method for each
 * interaction (consumer.ts, matchers in pact-body.ts); provider states (provider-states.ts);
 * verification through a loopback forwarder (verify.ts, forwarder.ts); the Pact Broker (broker.ts).
 */
export {
  type BrokerResult,
  type BrokerSettings,
  brokerSettings,
  canIDeploy,
  pacticipantVersion,
  publishPacts,
} from "./broker.js";
export { type GeneratedInteraction, generatePacts, type PactNames, pactNames } from "./consumer.js";
export {
  PACT_EXAMPLES,
  PACT_INTERACTIONS,
  type PactInteractionSpec,
  type PactState,
} from "./interactions.js";
export {
  type ConsumerTally,
  type InteractionResult,
  type PactDocument,
  pactInteraction,
  tallyByConsumer,
} from "./verification-results.js";
export { type VerifyOptions, type VerifyOutcome, verifyPacts } from "./verify.js";
