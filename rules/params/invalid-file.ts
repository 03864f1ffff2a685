// Rule params/invalid-file: a parameters file that is not shaped like one (no "parameters" object, an entry without a value or reference).
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportParameterFindings } from "./shared.js";

const ID = "params/invalid-file";

export default defineRule({
  meta: {
    id: ID,
    description: "A parameters file that is not shaped like one: no \"parameters\" object, an entry without a value or reference.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportParameterFindings(context, "invalid-file");
  },
});
