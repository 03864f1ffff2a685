// Which parameters and variables each template reads: the data behind the unused-* rules.
import type { Expr } from "../src/expressions/ast.js";
import { parseExpression } from "../src/expressions/parser.js";
import { walkExpression } from "../src/expressions/walk.js";
import type { TemplateModel, TemplateScope } from "../src/model/types.js";
import { callsNamed, expressionIndex, inFunctionBody, literalArg, symbolScope, templateJson } from "./expression-util.js";

export interface Unused {
  name: string;
  keyOffset: number;
  file: string;
  scopeId: number;
}

type Kind = "parameters" | "variables";

/** Names read as `fn('name')` somewhere; `dynamic` when one is not a literal (the scope is then read dynamically). */
interface Found {
  names: string[];
  dynamic: boolean;
}

const cache = new WeakMap<TemplateModel, Map<Kind, Unused[]>>();

/** Declarations of `kind` never read in their template (a scope read dynamically is skipped). */
export function unusedDeclarations(model: TemplateModel, kind: Kind): Unused[] {
  let perKind = cache.get(model);
  if (!perKind) {
    perKind = new Map();
    cache.set(model, perKind);
  }
  const hit = perKind.get(kind);
  if (hit) return hit;
  // The reading function has the kind's name: `parameters('x')`, `variables('y')`.
  const fn = kind;
  const used = new Map<TemplateScope, Set<string>>();
  const dynamic = new Set<TemplateScope>();
  const read = (scope: TemplateScope, name: string): void => {
    let set = used.get(scope);
    if (!set) used.set(scope, (set = new Set()));
    set.add(name.toLowerCase());
  };
  const readAll = (scope: TemplateScope, found: Found): void => {
    if (found.dynamic) dynamic.add(scope);
    for (const name of found.names) read(scope, name);
  };
  for (const { site, call } of callsNamed(model, fn)) {
    if (kind === "parameters" && inFunctionBody(site)) continue;
    const name = literalArg(call);
    if (name === undefined) dynamic.add(symbolScope(site.scope));
    else read(symbolScope(site.scope), name);
  }
  // An expression with a syntax error still shows which names it reads (invalid-expression reports it).
  for (const site of expressionIndex(model).broken) {
    if (kind === "parameters" && inFunctionBody(site)) continue;
    readAll(symbolScope(site.scope), namesInBrokenText(site.node.value, fn));
  }
  // Object keys can be expressions too (`"userAssignedIdentities": { "[parameters('id')]": {} }`); the
  // model lists only string values as expression sites, so read the keys here. Finding them walks the
  // whole template: only where they can change the answer (something declared is still unread).
  for (const scope of model.scopes) {
    const target = symbolScope(scope);
    if (dynamic.has(target) || !hasUnread(target, kind, used.get(target))) continue;
    for (const key of templateJson(model, scope).expressionKeys) readAll(target, namesInKey(key, fn));
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

/** Does `scope` declare a name of `kind` that is not in `read`? */
function hasUnread(scope: TemplateScope, kind: Kind, read: ReadonlySet<string> | undefined): boolean {
  for (const key of (kind === "parameters" ? scope.parameters : scope.variables).keys()) if (read?.has(key) !== true) return true;
  return false;
}

/** Names read as `fn('name')` in the text of an expression that does not parse; `dynamic` when one is not a literal. */
function namesInBrokenText(text: string, fn: string): Found {
  const names: string[] = [];
  let dynamic = false;
  for (const m of text.matchAll(new RegExp(`\\b${fn}\\s*\\(\\s*('(?:[^']|'')*')?`, "gi"))) {
    const literal = m[1];
    if (literal === undefined) dynamic = true;
    else names.push(literal.slice(1, -1).replaceAll("''", "'"));
  }
  return { names, dynamic };
}

/** Names an expression key reads with `fn`, whether or not it parses. */
function namesInKey(key: string, fn: string): Found {
  const parsed = parseExpression(key);
  return parsed.ok ? namesInExpr(parsed.expr, fn) : namesInBrokenText(key, fn);
}

/** Names read as `fn('name')` in a parsed expression; `dynamic` when one is not a literal. */
function namesInExpr(expr: Expr, fn: string): Found {
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
