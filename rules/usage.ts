// Which parameters and variables each template reads: the data behind the unused-* rules.
import type { TemplateModel, TemplateScope } from "../src/model/types.js";
import { callsOf, inFunctionBody, literalArg, symbolScope } from "./expression-util.js";

export interface Unused {
  name: string;
  keyOffset: number;
  file: string;
  scopeId: number;
}

const cache = new WeakMap<TemplateModel, Map<string, Unused[]>>();

/** Declarations of `kind` never read in their template (a scope read dynamically is skipped). */
export function unusedDeclarations(model: TemplateModel, kind: "parameters" | "variables"): Unused[] {
  let perKind = cache.get(model);
  if (!perKind) {
    perKind = new Map();
    cache.set(model, perKind);
  }
  const hit = perKind.get(kind);
  if (hit) return hit;
  const fn = kind === "parameters" ? "parameters" : "variables";
  const used = new Map<TemplateScope, Set<string>>();
  const dynamic = new Set<TemplateScope>();
  for (const site of model.expressions) {
    if (kind === "parameters" && inFunctionBody(site)) continue;
    const scope = symbolScope(site.scope);
    for (const call of callsOf(site)) {
      if (call.namespace !== undefined || call.name.toLowerCase() !== fn) continue;
      const name = literalArg(call);
      if (name === undefined) {
        dynamic.add(scope);
        continue;
      }
      let set = used.get(scope);
      if (!set) {
        set = new Set();
        used.set(scope, set);
      }
      set.add(name.toLowerCase());
    }
  }
  const out: Unused[] = [];
  for (const scope of model.scopes) {
    if (scope.evaluation === "outer" && scope.parent) continue;
    if (dynamic.has(scope)) continue;
    const decls = kind === "parameters" ? scope.parameters : scope.variables;
    const set = used.get(scope);
    for (const [key, d] of decls) {
      if (set?.has(key)) continue;
      out.push({ name: d.name, keyOffset: d.keyOffset, file: scope.file, scopeId: scope.id });
    }
  }
  perKind.set(kind, out);
  return out;
}
