import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("vread", "Vread");
