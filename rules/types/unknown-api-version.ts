// Rule types/unknown-api-version: an API version the type data does not list for the resource type; suggests the nearest known versions.
import { docsUrlFor } from "../../src/diagnostics.js";
import { defineRule } from "../../src/runner/types.js";
import { reportTypeFindings } from "./shared.js";

const ID = "types/unknown-api-version";

export default defineRule({
  meta: {
    id: ID,
    description: "An API version the type data does not list for the resource type; suggests the nearest known versions.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    recommended: true,
  },
  check(context) {
    reportTypeFindings(context, "unknown-api-version");
  },
});
