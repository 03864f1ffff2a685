// Rule types/invalid-value: a known value the resource type does not accept: enum, string pattern and length, number range, kind of value.
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportTypeFindings } from "./shared.js";

const ID = "types/invalid-value";

export default defineRule({
  meta: {
    id: ID,
    description: "A known value the resource type does not accept: enum, string pattern and length, number range, kind of value.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportTypeFindings(context, "invalid-value");
  },
});
