// Rule arm/duplicate-resource: the same resource (scope, type and name) declared twice in one template.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { GraphNode } from "../../src/graph/types.js";
import type { JsonNode } from "../../src/load/json.js";
import { label } from "../util.js";

function conditionText(n: GraphNode): string | undefined {
  const c = n.decl.condition;
  if (c === undefined) return undefined;
  if (c.type === "boolean") return String(c.value);
  return c.type === "string" ? c.value.replace(/\s+/g, "").toLowerCase() : "?";
}

/** In a classic template, can both declarations deploy in the same deployment? Only say yes when certain. */
function canDeployTogether(a: GraphNode, b: GraphNode): boolean {
  const ca = conditionText(a);
  const cb = conditionText(b);
  if (ca === "false" || cb === "false") return false;
  if (ca === undefined || ca === "true") return true;
  if (cb === undefined || cb === "true") return true;
  return ca === cb;
}

export default defineRule({
  meta: {
    id: "arm/duplicate-resource",
    description: "A template must not declare the same resource (scope, type and name) twice.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/duplicate-resource"),
  },
  check(context) {
    const { analysis } = context;
    const graph = analysis.graph;
    if (!graph) return;
    const groups = new Map<string, GraphNode[]>();
    for (const n of graph.resources) {
      // Existing resources are not deployed; extensibility resources (`type@version`) have no ARM id.
      if (n.existing || n.type.includes("@")) continue;
      const key = `${n.decl.scope.id}\u0000${n.identity}`;
      const g = groups.get(key);
      if (g) g.push(n);
      else groups.set(key, [n]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const first = group[0]!;
      for (const other of group.slice(1)) {
        const symbolic = other.decl.scope.symbolic;
        if (!symbolic && !canDeployTogether(first, other)) continue;
        const where: JsonNode = other.decl.nameNode ?? other.decl.json;
        const firstLine = analysis.source && first.decl.scope.file === analysis.file ? ` (first declared on line ${analysis.source.positionAt((first.decl.nameNode ?? first.decl.json).offset).line})` : "";
        const why = symbolic ? "languageVersion 2.0 rejects this even under mutually exclusive conditions" : "ARM rejects a resource defined multiple times";
        context.report({
          node: where,
          file: other.decl.scope.file,
          identity: other.identity,
          message: `${label(other)} is declared twice in this template${firstLine}; ${why}. Remove one declaration or give them different names.`,
          data: { identity: other.identity },
        });
      }
    }
  },
});
