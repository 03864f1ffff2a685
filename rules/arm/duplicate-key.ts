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
    // Indexed: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator even for an empty list.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let i = 0; i < model.diagnostics.length; i++) {
      const d = model.diagnostics[i]!;
      if (d.ruleId !== "arm/duplicate-key") continue;
      context.report({ span: { offset: d.offset, length: d.length }, file: d.file, message: d.message, data: { offset: String(d.offset) } });
    }
  },
});
