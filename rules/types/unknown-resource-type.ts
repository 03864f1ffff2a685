// Rule types/unknown-resource-type: a resource type that its provider's type data does not define (did you mean …?).
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportTypeFindings } from "./shared.js";

const ID = "types/unknown-resource-type";

export default defineRule({
  meta: {
    id: ID,
    description: "A resource type that its provider's type data does not define (did you mean …?).",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportTypeFindings(context, "unknown-resource-type");
  },
});
