// Helpers for rules that read expressions: the scope that resolves names, literal arguments, and per-model indexes of calls, expression keys and copy loops.
import type { Call, Expr } from "../src/expressions/ast.js";
import { classifyString } from "../src/expressions/parser.js";
import type { JsonNode } from "../src/load/json.js";
import { prop } from "../src/model/build.js";
import type { ExpressionSite, TemplateModel, TemplateScope } from "../src/model/types.js";

/** The template whose parameters, variables and functions an expression in `scope` sees. */
export function symbolScope(scope: TemplateScope): TemplateScope {
  let s = scope;
  while (s.evaluation === "outer" && s.parent) s = s.parent;
  return s;
}

/** One call and the expression site it is in. */
export interface SiteCall {
  readonly site: ExpressionSite;
  readonly call: Call;
}

/**
 * What the expression rules read, gathered in one pass over a model's expression sites (several rules
 * read it: each would otherwise walk every expression of the template again).
 */
export interface ExpressionIndex {
  /** Sites whose text does not parse, in model order. */
  readonly broken: readonly ExpressionSite[];
  /** Calls of built-in-style functions (no namespace) by lowercased name. */
  readonly calls: ReadonlyMap<string, CallGroup>;
  /** Calls of user-defined functions (`namespace.name(...)`), in model order. */
  readonly userCalls: readonly SiteCall[];
}

/** The calls of one function name. */
export interface CallGroup {
  /** In model order, calls of one site in pre-order. */
  readonly calls: readonly SiteCall[];
  /** The fewest and the most arguments of any of the calls (argument counts are checked per name, mostly without visiting calls). */
  readonly minArgs: number;
  readonly maxArgs: number;
}

const indexCache = new WeakMap<TemplateModel, ExpressionIndex>();
const NO_CALLS: readonly SiteCall[] = [];

/** The calls of a model's expressions, computed once per model. */
export function expressionIndex(model: TemplateModel): ExpressionIndex {
  const cached = indexCache.get(model);
  if (cached !== undefined) return cached;
  const broken: ExpressionSite[] = [];
  const calls = new Map<string, { calls: SiteCall[]; minArgs: number; maxArgs: number }>();
  const userCalls: SiteCall[] = [];
  const stack: Expr[] = [];
  for (const site of model.expressions) {
    const result = site.result;
    if (!result.ok) {
      broken.push(site);
      continue;
    }
    // Pre-order, children in source order (as walkExpression), without a callback per node.
    stack.push(result.expr);
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.kind) {
        case "call": {
          if (node.namespace !== undefined) userCalls.push({ site, call: node });
          else {
            const key = node.name.toLowerCase();
            const count = node.args.length;
            const group = calls.get(key);
            if (group === undefined) calls.set(key, { calls: [{ site, call: node }], minArgs: count, maxArgs: count });
            else {
              group.calls.push({ site, call: node });
              if (count < group.minArgs) group.minArgs = count;
              if (count > group.maxArgs) group.maxArgs = count;
            }
          }
          for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i]!);
          break;
        }
        case "member":
          stack.push(node.object);
          break;
        case "index":
          stack.push(node.index, node.object);
          break;
        default:
          break;
      }
    }
  }
  const index: ExpressionIndex = { broken, calls, userCalls };
  indexCache.set(model, index);
  return index;
}

/** The calls of a built-in-style function (`name` lowercased) in a model's expressions, in model order. */
export function callsNamed(model: TemplateModel, name: string): readonly SiteCall[] {
  return expressionIndex(model).calls.get(name)?.calls ?? NO_CALLS;
}

/** What a template's own JSON holds besides expression strings (see templateJson). */
export interface TemplateJson {
  /** Object keys that are expressions (`"[parameters('id')]": {}`): the model lists only string values as expression sites. */
  readonly expressionKeys: readonly string[];
  /** Copy loop names (resource, property, variable and output loops), lowercased → as written, in the order found. */
  readonly loopNames: ReadonlyMap<string, string>;
}

const jsonCache = new WeakMap<TemplateScope, TemplateJson>();
const rootsCache = new WeakMap<TemplateModel, ReadonlySet<JsonNode>>();

/**
 * Expression keys and copy loop names of a template, found in one walk of its JSON (the walk is the
 * cost: every node of the template). Expression keys leave out nested templates that are scopes of
 * their own; loop names leave out every object under a `template` key.
 */
export function templateJson(model: TemplateModel, scope: TemplateScope): TemplateJson {
  const cached = jsonCache.get(scope);
  if (cached !== undefined) return cached;
  let scopeRoots = rootsCache.get(model);
  if (scopeRoots === undefined) rootsCache.set(model, (scopeRoots = new Set(model.scopes.map((sc) => sc.json))));
  const roots = scopeRoots;
  const expressionKeys: string[] = [];
  const loopNames = new Map<string, string>();
  // Only objects and arrays go on the stack (leaves, most nodes, hold neither), each with whether its copy loops count.
  const stack: JsonNode[] = [scope.json];
  const loopStack: boolean[] = [true];
  const push = (node: JsonNode, loops: boolean): void => {
    if (node.type === "array" || (node.type === "object" && !roots.has(node))) {
      stack.push(node);
      loopStack.push(loops);
    }
  };
  while (stack.length > 0) {
    const n = stack.pop()!;
    const loops = loopStack.pop()!;
    if (n.type === "array") {
      for (const item of n.items) push(item, loops);
      continue;
    }
    if (n.type !== "object") continue;
    for (const p of n.properties) {
      const key = p.key;
      if (key.charCodeAt(0) === 91 /* [ */ && classifyString(key).kind === "expression") expressionKeys.push(key);
      if (loops && isKey(key, "copy")) addLoopNames(p.value, loopNames);
      push(p.value, loops && !(p.value.type === "object" && isKey(key, "template")));
    }
  }
  const facts: TemplateJson = { expressionKeys, loopNames };
  jsonCache.set(scope, facts);
  return facts;
}

/** The names of a `copy` value: one loop object, or an array of them. */
function addLoopNames(copy: JsonNode, out: Map<string, string>): void {
  const entries = copy.type === "array" ? copy.items : [copy];
  for (const e of entries) {
    const name = e.type === "object" ? prop(e, "name") : undefined;
    if (name?.type === "string") out.set(name.value.toLowerCase(), name.value);
  }
}

/** `key.toLowerCase() === lower`, without lowercasing keys of another length (most of them). */
function isKey(key: string, lower: string): boolean {
  return key.length === lower.length && key.toLowerCase() === lower;
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
