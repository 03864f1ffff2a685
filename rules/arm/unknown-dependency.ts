// Rule arm/unknown-dependency: a dependsOn entry that names nothing declared in the same template.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { realNode } from "../util.js";

export default defineRule({
  meta: {
    id: "arm/unknown-dependency",
    description: "Every dependsOn entry must name a resource, module or copy loop declared in the same template.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/unknown-dependency"),
  },
  check(context) {
    const graph = context.analysis.graph;
    if (!graph) return;
    for (const d of graph.dangling) {
      context.report({
        span: d.span,
        file: d.file,
        identity: realNode(d.from).identity,
        message: `dependsOn entry '${d.text}' ${d.reason}: ARM fails with "resource is not defined in the template". Fix the name or id, or remove the entry (to wait for a resource inside a module, depend on the module).`,
        data: { entry: d.text },
      });
    }
  },
});
