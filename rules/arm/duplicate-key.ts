// Rule arm/duplicate-key: a JSON object of the template repeats a key (ARM keeps only the last).
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";

export default defineRule({
  meta: {
    id: "arm/duplicate-key",
    description: "Template objects must not repeat a key (keys are case-insensitive in ARM); only the last one counts.",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor("arm/duplicate-key"),
  },
  check(context) {
    const model = context.analysis.model;
    if (!model) return;
    for (const d of model.diagnostics) {
      if (d.ruleId !== "arm/duplicate-key") continue;
      context.report({ span: { offset: d.offset, length: d.length }, file: d.file, message: d.message, data: { offset: String(d.offset) } });
    }
  },
});
