// Rule params/unknown-parameter: a parameters file sets a parameter the template does not declare (did you mean …?).
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportParameterFindings } from "./shared.js";

const ID = "params/unknown-parameter";

export default defineRule({
  meta: {
    id: ID,
    description: "A parameters file sets a parameter the template does not declare (did you mean …?).",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportParameterFindings(context, "unknown-parameter");
  },
});
