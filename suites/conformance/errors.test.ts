import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("errors", "Errors");
