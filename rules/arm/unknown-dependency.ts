// Rule arm/unknown-dependency: a dependsOn entry that names nothing declared in the same template.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { DanglingDependency } from "../../src/graph/types.js";
import { realNode } from "../util.js";

/** Splits on `/` outside the `{...}` symbolic parts of a display text. */
function segmentsOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "{") depth++;
    else if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === "/" && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Type and name segments of an id-shaped entry (`.../providers/Ns/a/x/b/y` or `Ns/a/x`), if it is one. */
export function entryParts(text: string): { type: string; names: string[] } | undefined {
  const at = text.toLowerCase().lastIndexOf("/providers/");
  const segments = segmentsOf(at >= 0 ? text.slice(at + "/providers/".length) : text);
  const namespace = segments[0];
  if (namespace === undefined || !namespace.includes(".") || namespace.includes("{") || segments.length < 3 || segments.length % 2 === 0) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 1; i < segments.length; i += 2) {
    types.push(segments[i]!);
    names.push(segments[i + 1]!);
  }
  return { type: [namespace, ...types].join("/").toLowerCase(), names };
}

/**
 * An entry whose name the engine keeps partly symbolic (`{parameters('vmssName')}`, a copy index, a
 * `toLower(...)`) may still be a resource of that type declared here under a name written differently
 * (`toLower(parameters('vmssName'))`, a loop over the same array): only an entry that names a type the
 * template does not declare at all, or a name with no symbolic part, is certainly dangling.
 */
function maybeDeclared(d: DanglingDependency, declaredTypes: ReadonlySet<string>): boolean {
  const parts = entryParts(d.text);
  return parts !== undefined && parts.names.some((n) => n.includes("{")) && declaredTypes.has(parts.type);
}

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
    if (!graph || graph.dangling.length === 0) return;
    const typesByScope = new Map<unknown, Set<string>>();
    for (const d of graph.dangling) {
      const scope = realNode(d.from).decl.scope;
      let types = typesByScope.get(scope);
      if (!types) {
        types = new Set(graph.scopeNodes(scope).map((n) => n.type.toLowerCase()));
        typesByScope.set(scope, types);
      }
      if (maybeDeclared(d, types)) continue;
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
