import { conformanceSuite } from "./conformance-suite.js";

conformanceSuite("create", "Create");
