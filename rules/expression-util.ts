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

/** Every call in a parsed expression site. */
export function callsOf(site: ExpressionSite): Call[] {
  if (!site.result.ok) return [];
  const out: Call[] = [];
  walkExpression(site.result.expr, (n: Expr) => {
    if (n.kind === "call") out.push(n);
  });
  return out;
}

/** The literal string first argument of a call, if it is one. */
export function literalArg(call: Call, index = 0): string | undefined {
  const a = call.args[index];
  return a?.kind === "string" ? a.value : undefined;
}

/** Is the site inside a user-defined function's body (where parameters() are the function's own)? */
export function inFunctionBody(site: ExpressionSite): boolean {
  return site.path.startsWith("functions");
}
