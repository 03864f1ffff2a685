// Helpers for rules that read expressions: the scope that resolves names, and literal arguments of calls.
import type { Call, Expr } from "../src/expressions/ast.js";
import { walkExpression } from "../src/expressions/walk.js";
import type { ExpressionSite, TemplateScope } from "../src/model/types.js";

/** The template whose parameters, variables and functions an expression in `scope` sees. */
export function symbolScope(scope: TemplateScope): TemplateScope {
  let s = scope;
  while (s.evaluation === "outer" && s.parent) s = s.parent;
  return s;
}

const callCache = new WeakMap<TemplateScope, Map<ExpressionSite, Call[]>>();

/** Every call in a parsed expression site (computed once per site; several rules read them). */
export function callsOf(site: ExpressionSite): Call[] {
  if (!site.result.ok) return [];
  let perScope = callCache.get(site.scope);
  if (!perScope) {
    perScope = new Map();
    callCache.set(site.scope, perScope);
  }
  const cached = perScope.get(site);
  if (cached) return cached;
  const out: Call[] = [];
  walkExpression(site.result.expr, (n: Expr) => {
    if (n.kind === "call") out.push(n);
  });
  perScope.set(site, out);
  return out;
}

/** The literal string first argument of a call, if it is one. */
export function literalArg(call: Call, index = 0): string | undefined {
  const a = call.args[index];
  return a?.kind === "string" ? a.value : undefined;
}

/** Is the site inside a user-defined function's body (where parameters() are the function's own)? */
export function inFunctionBody(site: ExpressionSite): boolean {
  return site.inFunction;
}
