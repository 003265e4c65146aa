import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("journey", "Stateful journey");
