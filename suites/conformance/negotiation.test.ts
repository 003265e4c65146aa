import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("negotiation", "Content negotiation");
