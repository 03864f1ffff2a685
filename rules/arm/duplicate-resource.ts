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

/**
 * Can both declarations deploy in the same deployment? Only say yes when certain. ARM enforces id
 * uniqueness only among resources whose condition is true (Bicep's duplicate-name check relies on the
 * same rule for classic and languageVersion 2.0 output), so mutually exclusive conditions are fine.
 */
function canDeployTogether(a: GraphNode, b: GraphNode): boolean {
  const ca = conditionText(a);
  const cb = conditionText(b);
  if (ca === "false" || cb === "false") return false;
  if (ca === undefined || ca === "true") return true;
  if (cb === undefined || cb === "true") return true;
  return ca === cb;
}

/** Existing resources are not deployed; extensibility resources (`type@version`) have no ARM id. */
function compared(n: GraphNode): boolean {
  return !n.existing && !n.type.includes("@");
}

/** Do two resources the rule compares share an identity? Most templates have none: no groups are then made. */
function repeatsIdentity(resources: readonly GraphNode[]): boolean {
  const seen = new Set<string>();
  // Indexed: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator and its results.
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < resources.length; i++) {
    const n = resources[i]!;
    if (!compared(n)) continue;
    if (seen.has(n.identity)) return true;
    seen.add(n.identity);
  }
  return false;
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
    if (!graph || !repeatsIdentity(graph.resources)) return;
    const groups = new Map<string, GraphNode[]>();
    for (const n of graph.resources) {
      if (!compared(n)) continue;
      const key = `${n.decl.scope.id}\u0000${n.identity}`;
      const g = groups.get(key);
      if (g) g.push(n);
      else groups.set(key, [n]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (let i = 1; i < group.length; i++) {
        const other = group[i]!;
        const first = group.slice(0, i).find((g) => canDeployTogether(g, other));
        if (!first) continue;
        const where: JsonNode = other.decl.nameNode ?? other.decl.json;
        const firstLine = analysis.source && first.decl.scope.file === analysis.file ? ` (first declared on line ${analysis.source.positionAt((first.decl.nameNode ?? first.decl.json).offset).line})` : "";
        context.report({
          node: where,
          file: other.decl.scope.file,
          identity: other.identity,
          message: `${label(other)} is declared twice in this template${firstLine}; ARM rejects a resource defined multiple times. Remove one declaration or give them different names.`,
          data: { identity: other.identity },
        });
      }
    }
  },
});
