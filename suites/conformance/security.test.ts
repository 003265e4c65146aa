import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("security", "Security headers");
