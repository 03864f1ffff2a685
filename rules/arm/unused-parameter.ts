// Rule arm/unused-parameter: a declared parameter that no expression of its template reads.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { unusedDeclarations } from "../usage.js";

export default defineRule({
  meta: {
    id: "arm/unused-parameter",
    description: "Parameters should be used by the template that declares them.",
    type: "suggestion",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor("arm/unused-parameter"),
  },
  check(context) {
    const model = context.analysis.model;
    if (!model) return;
    const unused = unusedDeclarations(model, "parameters");
    // Indexed: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator even for an empty list.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let i = 0; i < unused.length; i++) {
      const u = unused[i]!;
      context.report({
        span: { offset: u.keyOffset, length: u.name.length + 2 },
        file: u.file,
        message: `Parameter '${u.name}' is never used. Remove it, or use it where it was meant to be.`,
        data: { name: u.name, scope: String(u.scopeId) },
      });
    }
  },
});
