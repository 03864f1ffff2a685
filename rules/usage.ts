// Which parameters and variables each template reads: the data behind the unused-* rules and arm/undefined-symbol.
import { LastMemo } from "../src/runner/memo.js";
import type { Expr } from "../src/expressions/ast.js";
import { parseExpression } from "../src/expressions/parser.js";
import { walkExpression } from "../src/expressions/walk.js";
import type { TemplateModel, TemplateScope } from "../src/model/types.js";
import { expressionIndex, inFunctionBody, symbolScope, templateJson, type CallReads, type ReadKind } from "./expression-util.js";

export interface Unused {
  name: string;
  keyOffset: number;
  file: string;
  scopeId: number;
}

export type Kind = ReadKind;
export type { CallReads };

/** Names read as `fn('name')` somewhere; `dynamic` when one is not a literal (the scope is then read dynamically). */
interface Found {
  names: string[];
  dynamic: boolean;
}

/** What the rules have asked about one model so far, per kind (one cache entry per model). */
interface ModelUsage {
  unused: Partial<Record<Kind, Unused[]>>;
}

const usageMemo = new LastMemo<TemplateModel, ModelUsage>();

function usageOf(model: TemplateModel): ModelUsage {
  return usageMemo.get(model, newUsage);
}

/** A model's empty usage: a module function, not an arrow function made on every call. */
function newUsage(): ModelUsage {
  return { unused: {} };
}

/**
 * Names read other than by parsed calls (broken expressions, expression keys): few, kept apart from the shared
 * reads, and so are the scopes they show read dynamically (both made on first need).
 */
class ExtraReads {
  names: Map<TemplateScope, Set<string>> | undefined;
  dynamic: Set<TemplateScope> | undefined;

  add(scope: TemplateScope, found: Found): void {
    if (found.dynamic) (this.dynamic ??= new Set()).add(scope);
    for (const name of found.names) {
      this.names ??= new Map();
      let set = this.names.get(scope);
      if (!set) this.names.set(scope, (set = new Set()));
      set.add(name.toLowerCase());
    }
  }
}

/** Is `scope` read dynamically, by a parsed call or otherwise? */
function isDynamic(reads: CallReads, extra: ExtraReads | undefined, scope: TemplateScope): boolean {
  return reads.dynamic.has(scope) || extra?.dynamic?.has(scope) === true;
}

/** Is the (lowercased) name `key` read in `scope`, by a parsed call or otherwise? */
function isRead(reads: CallReads, extra: ExtraReads | undefined, scope: TemplateScope, key: string): boolean {
  return reads.names.get(scope)?.has(key) === true || extra?.names?.get(scope)?.has(key) === true;
}

/** What the parsed calls of the function named `kind` read in a model (gathered by the model's expression index). */
export function callReads(model: TemplateModel, kind: Kind): CallReads {
  return expressionIndex(model).reads[kind];
}

/** Declarations of `kind` never read in their template (a scope read dynamically is skipped). */
export function unusedDeclarations(model: TemplateModel, kind: Kind): Unused[] {
  const usage = usageOf(model);
  const hit = usage.unused[kind];
  if (hit) return hit;
  // The reading function has the kind's name: `parameters('x')`, `variables('y')`.
  const fn = kind;
  const reads = callReads(model, kind);
  // Module functions and a class made on first need, not closures made on every call (once per file and kind).
  let extra: ExtraReads | undefined;
  // An expression with a syntax error still shows which names it reads (invalid-expression reports it).
  // Indexed loops: this runs once per file and kind, mostly unoptimized, where for...of allocates an iterator and its results.
  const broken = expressionIndex(model).broken;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < broken.length; i++) {
    const site = broken[i]!;
    if (kind === "parameters" && inFunctionBody(site)) continue;
    (extra ??= new ExtraReads()).add(symbolScope(site.scope), namesInBrokenText(site.node.value, fn));
  }
  // Object keys can be expressions too (`"userAssignedIdentities": { "[parameters('id')]": {} }`); the
  // model lists only string values as expression sites, so read the keys (which it notes) here: only where
  // they can change the answer (something declared is still unread).
  const scopes = model.scopes;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let s = 0; s < scopes.length; s++) {
    const scope = scopes[s]!;
    const target = symbolScope(scope);
    if (isDynamic(reads, extra, target) || !hasUnread(target, kind, reads, extra)) continue;
    const keys = templateJson(scope).expressionKeys;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let k = 0; k < keys.length; k++) (extra ??= new ExtraReads()).add(target, namesInKey(keys[k]!.key, fn));
  }
  const out: Unused[] = [];
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let s = 0; s < scopes.length; s++) {
    const scope = scopes[s]!;
    if (scope.evaluation === "outer" && scope.parent) continue;
    if (isDynamic(reads, extra, scope)) continue;
    const decls = kind === "parameters" ? scope.parameters : scope.variables;
    if (decls.size === 0) continue;
    const seen = extra;
    decls.forEach((d, key) => {
      if (!isRead(reads, seen, scope, key)) out.push({ name: d.name, keyOffset: d.keyOffset, file: scope.file, scopeId: scope.id });
    });
  }
  usage.unused[kind] = out;
  return out;
}

/** Does `scope` declare a name of `kind` that is not read? */
function hasUnread(scope: TemplateScope, kind: Kind, reads: CallReads, extra: ExtraReads | undefined): boolean {
  const decls = kind === "parameters" ? scope.parameters : scope.variables;
  if (decls.size === 0) return false;
  for (const key of decls.keys()) if (!isRead(reads, extra, scope, key)) return true;
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
