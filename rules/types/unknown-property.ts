// Rule types/unknown-property: a property the resource type does not define at its API version (did you mean …?).
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportTypeFindings } from "./shared.js";

const ID = "types/unknown-property";

export default defineRule({
  meta: {
    id: ID,
    description: "A property the resource type does not define at its API version (did you mean …?).",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportTypeFindings(context, "unknown-property");
  },
});
