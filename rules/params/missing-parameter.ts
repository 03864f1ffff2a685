// Rule params/missing-parameter: a parameters file leaves out a parameter the template requires (no default value).
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportParameterFindings } from "./shared.js";

const ID = "params/missing-parameter";

export default defineRule({
  meta: {
    id: ID,
    description: "A parameters file leaves out a parameter the template requires (no default value).",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportParameterFindings(context, "missing-parameter");
  },
});
