// Which parameters and variables each template reads: the data behind the unused-* rules.
import type { Expr } from "../src/expressions/ast.js";
import { classifyString, parseExpression } from "../src/expressions/parser.js";
import { walkExpression } from "../src/expressions/walk.js";
import type { JsonNode } from "../src/load/json.js";
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
    if (!site.result.ok) {
      // An expression with a syntax error still shows which names it reads (invalid-expression reports it).
      const found = namesInBrokenText(site.node.value, fn);
      if (found.dynamic) dynamic.add(scope);
      for (const name of found.names) used.set(scope, (used.get(scope) ?? new Set<string>()).add(name.toLowerCase()));
      continue;
    }
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
  // Object keys can be expressions too (`"userAssignedIdentities": { "[parameters('id')]": {} }`); the
  // model lists only string values as expression sites, so read the keys here.
  const scopeRoots = new Set<JsonNode>(model.scopes.map((sc) => sc.json));
  for (const scope of model.scopes) {
    for (const key of expressionKeys(scope, scopeRoots)) {
      const parsed = parseExpression(key);
      const found = parsed.ok ? namesInExpr(parsed.expr, fn) : namesInBrokenText(key, fn);
      const target = symbolScope(scope);
      if (found.dynamic) dynamic.add(target);
      for (const name of found.names) used.set(target, (used.get(target) ?? new Set<string>()).add(name.toLowerCase()));
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

/** Names read as `fn('name')` in the text of an expression that does not parse; `dynamic` when one is not a literal. */
function namesInBrokenText(text: string, fn: string): { names: string[]; dynamic: boolean } {
  const names: string[] = [];
  let dynamic = false;
  for (const m of text.matchAll(new RegExp(`\\b${fn}\\s*\\(\\s*('(?:[^']|'')*')?`, "gi"))) {
    const literal = m[1];
    if (literal === undefined) dynamic = true;
    else names.push(literal.slice(1, -1).replaceAll("''", "'"));
  }
  return { names, dynamic };
}

/** Expression keys of a template's objects (not descending into nested templates, which are scopes of their own). */
const keyCache = new WeakMap<TemplateScope, string[]>();

function expressionKeys(scope: TemplateScope, scopeRoots: ReadonlySet<JsonNode>): string[] {
  const cached = keyCache.get(scope);
  if (cached) return cached;
  const keys: string[] = [];
  keyCache.set(scope, keys);
  const stack: JsonNode[] = [scope.json];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== scope.json && scopeRoots.has(n)) continue;
    if (n.type === "object") {
      for (const p of n.properties) {
        if (p.key.charCodeAt(0) === 91 /* [ */ && classifyString(p.key).kind === "expression") keys.push(p.key);
        stack.push(p.value);
      }
    } else if (n.type === "array") for (const item of n.items) stack.push(item);
  }
  return keys;
}

/** Names read as `fn('name')` in a parsed expression; `dynamic` when one is not a literal. */
function namesInExpr(expr: Expr, fn: string): { names: string[]; dynamic: boolean } {
  const names: string[] = [];
  let dynamic = false;
  walkExpression(expr, (n: Expr) => {
    if (n.kind !== "call" || n.namespace !== undefined || n.name.toLowerCase() !== fn) return;
    const arg = n.args[0];
    if (arg?.kind === "string") names.push(arg.value);
    else dynamic = true;
  });
  return { names, dynamic };
}
