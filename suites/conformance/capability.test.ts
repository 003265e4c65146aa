import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("capability", "Capabilities");
