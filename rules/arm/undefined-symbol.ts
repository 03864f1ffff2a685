// Rule arm/undefined-symbol: parameters, variables, user functions and copy loops used but never declared.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { Call, Expr } from "../../src/expressions/ast.js";
import { parseExpression } from "../../src/expressions/parser.js";
import { walkExpression } from "../../src/expressions/walk.js";
import { keyStringNode } from "../../src/load/json.js";
import type { RuleContext } from "../../src/runner/types.js";
import type { ExpressionSite, TemplateScope } from "../../src/model/types.js";
import { callsNamed, expressionIndex, inFunctionBody, literalArg, mayHaveFunctionBodies, symbolScope, templateJson } from "../expression-util.js";
import { closestWord } from "../../src/text/suggest.js";
import { callReads, type CallReads } from "../usage.js";
import { spanInString } from "../util.js";

/** Lowercased names of a template's resource and variable copy loops (all among its templateJson loop names). */
function modelLoopNames(scope: TemplateScope): Set<string> {
  const names = new Set<string>();
  // A resource loop without a name has "" here: it names no loop. (Indexed loop and forEach: rules run mostly
  // unoptimized, where for...of allocates an iterator and a result per item.)
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < scope.resources.length; i++) {
    const r = scope.resources[i]!;
    if (r.copy !== undefined && r.copy.name !== "") names.add(r.copy.name.toLowerCase());
  }
  scope.variables.forEach((v, key) => {
    if (v.copy) names.add(key);
  });
  return names;
}

/** Does some template read a name (lowercased) it does not declare among `declared(template)`? */
function readsUndeclared(reads: CallReads, declared: (scope: TemplateScope) => ReadonlyMap<string, unknown>): boolean {
  // forEach, not for...of: this runs once per file, mostly unoptimized, where for...of allocates an iterator and a result per name.
  let found = false;
  reads.names.forEach((names, scope) => {
    if (found) return;
    const decls = declared(scope);
    names.forEach((name) => {
      if (!found && !decls.has(name)) found = true;
    });
  });
  return found;
}

/** " Did you mean 'x'?" for the declared name nearest to `name` (case-insensitive), or "". */
function suggest(name: string, candidates: Iterable<string>): string {
  const best = closestWord(name, candidates, Math.max(2, Math.floor(name.length / 3)), true);
  return best !== undefined ? ` Did you mean '${best}'?` : "";
}

/**
 * `parameters()` and `variables()` in object keys that are expressions (`"[variables('tagName')]": "x"`):
 * ARM evaluates those keys too, but they are not expression sites of the model. In a template with
 * user-defined functions, a key's `parameters()` may be a function's own, so only `variables()` is checked there.
 */
function checkExpressionKeys(context: RuleContext): void {
  const { analysis } = context;
  for (const scope of analysis.model?.scopes ?? []) {
    const keys = templateJson(scope).expressionKeys;
    if (keys.length === 0) continue;
    const visible = symbolScope(scope);
    const checkParameters = !mayHaveFunctionBodies(scope);
    for (const property of keys) {
      const parsed = parseExpression(property.key);
      if (!parsed.ok) continue;
      const node = keyStringNode(property);
      walkExpression(parsed.expr, (n: Expr) => {
        if (n.kind !== "call" || n.namespace !== undefined) return;
        const fn = n.name.toLowerCase();
        const kind = fn === "parameters" && checkParameters ? "Parameter" : fn === "variables" ? "Variable" : undefined;
        const name = kind === undefined ? undefined : literalArg(n);
        if (kind === undefined || name === undefined) return;
        const decls = kind === "Parameter" ? visible.parameters : visible.variables;
        if (decls.has(name.toLowerCase())) return;
        context.report({
          span: spanInString(analysis, node, n.start, n.end),
          file: scope.file,
          message: `${kind} '${name}' is not declared in this template.${suggest(name, [...decls.values()].map((d) => d.name))} Declare it or fix the name.`,
          data: { kind, name, path: property.key },
        });
      });
    }
  }
}

export default defineRule({
  meta: {
    id: "arm/undefined-symbol",
    description: "parameters(), variables(), user-defined functions and copyIndex() loops must name something declared in the template.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/undefined-symbol"),
  },
  check(context) {
    const { analysis } = context;
    const model = analysis.model;
    if (!model) return;
    const report = (site: ExpressionSite, call: Call, what: string, name: string, candidates: Iterable<string>): void => {
      context.report({
        span: spanInString(analysis, site.node, call.start, call.end),
        file: site.scope.file,
        message: `${what} '${name}' is not declared in this template.${suggest(name, candidates)} Declare it or fix the name.`,
        data: { kind: what, name, path: site.path },
      });
    };
    for (const { site, call } of expressionIndex(model).userCalls) {
      const key = `${call.namespace}.${call.name}`.toLowerCase();
      let found = false;
      for (let s: TemplateScope | undefined = site.scope; s; s = s.evaluation === "outer" ? s.parent : undefined) {
        if (s.functions.has(key)) found = true;
      }
      if (!found) {
        const candidates = [...symbolScope(site.scope).functions.values()].map((f) => `${f.namespace}.${f.name}`);
        report(site, call, "User-defined function", `${call.namespace}.${call.name}`, candidates);
      }
    }
    // Most templates declare every name they read: the calls are visited (to report them) only when the
    // shared reads show an undeclared name, or a call in a function body (checked against the function).
    const parameterReads = callReads(model, "parameters");
    if (parameterReads.inFunction || readsUndeclared(parameterReads, (scope) => scope.parameters)) {
      const { calls, sites } = callsNamed(model, "parameters");
      for (let i = 0; i < calls.length; i++) {
        const site = sites[i]!;
        const call = calls[i]!;
        const name = literalArg(call);
        if (name === undefined) continue;
        if (inFunctionBody(site)) {
          const known = [...site.scope.functions.values()].some((f) => f.parameters.some((p) => p.toLowerCase() === name.toLowerCase()));
          if (!known) report(site, call, "Function parameter", name, []);
          continue;
        }
        const scope = symbolScope(site.scope);
        if (!scope.parameters.has(name.toLowerCase())) report(site, call, "Parameter", name, [...scope.parameters.values()].map((p) => p.name));
      }
    }
    if (readsUndeclared(callReads(model, "variables"), (scope) => scope.variables)) {
      const { calls, sites } = callsNamed(model, "variables");
      for (let i = 0; i < calls.length; i++) {
        const site = sites[i]!;
        const call = calls[i]!;
        const name = literalArg(call);
        if (name === undefined) continue;
        const scope = symbolScope(site.scope);
        if (!scope.variables.has(name.toLowerCase())) report(site, call, "Variable", name, [...scope.variables.values()].map((v) => v.name));
      }
    }
    checkExpressionKeys(context);
    // Loop names by template, made on the first copyIndex('name') call (most templates have none).
    let declared: Map<TemplateScope, Set<string>> | undefined;
    const copyIndexCalls = callsNamed(model, "copyindex");
    for (let i = 0; i < copyIndexCalls.calls.length; i++) {
      const site = copyIndexCalls.sites[i]!;
      const call = copyIndexCalls.calls[i]!;
      const name = literalArg(call);
      if (name === undefined) continue;
      // Most loops are resource or variable loops the model lists; the others are among the copy values it notes.
      declared ??= new Map();
      let known = declared.get(site.scope);
      if (!known) declared.set(site.scope, (known = modelLoopNames(site.scope)));
      if (known.has(name.toLowerCase())) continue;
      const names = templateJson(site.scope).loopNames;
      if (!names.has(name.toLowerCase())) report(site, call, "Copy loop", name, names.values());
    }
  },
});
