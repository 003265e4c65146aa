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
