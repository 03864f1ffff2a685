// Rule params/invalid-value: a parameters-file value of the wrong type, outside allowedValues, or outside the min/max value or length.
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportParameterFindings } from "./shared.js";

const ID = "params/invalid-value";

export default defineRule({
  meta: {
    id: ID,
    description: "A parameters-file value of the wrong type, outside allowedValues, or outside the min/max value or length.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportParameterFindings(context, "invalid-value");
  },
});
