// Rule types/read-only-property: a read-only property set in the template: the provider sets it and ignores or rejects a value.
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportTypeFindings } from "./shared.js";

const ID = "types/read-only-property";

export default defineRule({
  meta: {
    id: ID,
    description: "A read-only property set in the template: the provider sets it and ignores or rejects a value.",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportTypeFindings(context, "read-only-property");
  },
});
