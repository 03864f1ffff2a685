// Rule arm/redundant-dependency: a dependsOn entry already implied by another dependency path (off by default).
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { label, realNode } from "../util.js";

export default defineRule({
  meta: {
    id: "arm/redundant-dependency",
    description: "dependsOn entries that another dependency already implies can be removed.",
    type: "suggestion",
    defaultSeverity: "off",
    docsUrl: docsUrlFor("arm/redundant-dependency"),
  },
  check(context) {
    const graph = context.analysis.graph;
    if (!graph) return;
    for (const node of graph.nodes) {
      for (const e of node.out) {
        if (e.kind !== "explicit") continue;
        const via = node.out.find((o) => o !== e && o.to !== e.to && (o.kind === "explicit" || o.kind === "implicit" || o.kind === "inherits") && graph.reaches(o.to, e.to));
        if (!via) continue;
        context.report({
          span: e.span,
          file: e.file,
          identity: realNode(node).identity,
          message: `This dependsOn on ${label(e.to)} is already implied through ${label(via.to)}; it can be removed.`,
          data: { target: realNode(e.to).identity },
        });
      }
    }
  },
});
