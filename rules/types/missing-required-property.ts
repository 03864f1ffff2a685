// Rule types/missing-required-property: a property the resource type requires is missing.
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportTypeFindings } from "./shared.js";

const ID = "types/missing-required-property";

export default defineRule({
  meta: {
    id: ID,
    description: "A property the resource type requires is missing.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportTypeFindings(context, "missing-required-property");
  },
});
