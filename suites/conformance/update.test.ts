import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("update", "Update");
