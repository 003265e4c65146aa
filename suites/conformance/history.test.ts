import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("history", "History");
