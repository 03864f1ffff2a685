// Partial evaluator of ARM expressions over symbolic values, with step and depth budgets.
//
// The evaluator knows the function semantics; everything that depends on the template (parameters,
// variables, user functions, copy loops, deployment scope, what `reference()` points at) comes
// from an `EvalHost`, so this module stays independent of the template model.
import type { JsonNode, JsonString } from "../load/json.js";
import type { Call, Expr, Index, Member } from "./ast.js";
import { classifyString, isExpressionString, parseExpression } from "./parser.js";
import { detach } from "../text/detach.js";
import {
  ObjectValue,
  RefValue,
  Unknown,
  displayText,
  hasToken,
  isExactValue,
  isUnknownValue,
  isWholeToken,
  renderValue,
  compactText,
  toStringValue,
  token,
  TOKEN_END,
  TOKEN_START,
  type Value,
} from "./values.js";

/** Where the resources built by `resourceId()` live, for the template being evaluated. */
export interface ScopeInfo {
  targetScope: "resourceGroup" | "subscription" | "managementGroup" | "tenant";
  subscriptionId: string;
  resourceGroup: string;
  managementGroup: string;
}

/** A resource id (or reference) met while evaluating, reported to the caller. */
export interface Touch {
  kind: "resourceId" | "reference" | "list";
  /** Canonical-ready text of the id or name/symbol. */
  target: string;
  /** `name`/`symbol`: called with a name or symbolic name (ARM adds a dependency); `id`: with an id. */
  by: "id" | "name" | "symbol";
  /** Host-resolved resource index, when known. */
  resolved: number | undefined;
  site: JsonString | undefined;
  start: number;
  end: number;
}

export interface EvalHost<F> {
  parameter(frame: F, name: string): Value | undefined;
  /**
   * A variable's value, its touches added to `ctx.touches`. `path` is the literal member path the
   * expression reads from it (`variables('v').a[0]` → `['a', 0]`): only the touches made inside
   * that part of the declaration are added then.
   */
  variable(frame: F, name: string, ctx: EvalContext<F>, path?: readonly (string | number)[]): Value | undefined;
  userFunction(frame: F, namespace: string, name: string): { parameters: string[]; output: JsonNode | undefined; frame: F } | undefined;
  scopeInfo(frame: F): ScopeInfo;
  /** `reference()`, `references()` or a `list*()` call; returns what the call denotes and records touches. */
  reference(frame: F, fn: string, target: Value, args: Value[], ctx: EvalContext<F>, call: Call): Value;
  /** Member access on a deploy-time reference (module outputs resolve here). */
  refMember(ref: RefValue, name: string, ctx: EvalContext<F>): Value;
  copyIndex(frame: F, loopName: string | undefined, ctx: EvalContext<F>): Value;
  deployment(frame: F): Value;
}

export interface Budget {
  steps: number;
  maxSteps: number;
  maxDepth: number;
  maxStringLength: number;
  exhausted: string | undefined;
  /** Parsed expressions of the analysis, shared by every evaluation. */
  parsed: ParseCache;
}

export function createBudget(maxSteps = 5_000_000): Budget {
  return { steps: 0, maxSteps, maxDepth: 64, maxStringLength: 1_000_000, exhausted: undefined, parsed: new Map() };
}

/**
 * The state of one evaluation. One class for every context, its fields set in one order by the one
 * constructor, so all contexts share one shape: V8 then never meets a context shape that optimized code has
 * not seen ("wrong map" deopts at `ctx.budget`, `ctx.touches`, ...), as it did when contexts were object
 * literals and `{ ...ctx }` copies of several shapes. A context made from another (`derive`) is built here too.
 */
export class EvalContext<F> {
  readonly host: EvalHost<F>;
  frame: F;
  readonly budget: Budget;
  /** Nesting of variable/function/output evaluation, bounded by the budget's maxDepth. */
  depth: number;
  /** Named copy loops in force: loop name (lowercase) → value of copyIndex for it. Never changed: shared by contexts. */
  loops: ReadonlyMap<string, Value> | undefined;
  /** Name of the innermost copy loop (for `copyIndex()` without a name). */
  currentLoop: string | undefined;
  /** Parameters of the user function being evaluated. */
  functionParams: Map<string, Value> | undefined;
  /** The JSON string being evaluated. */
  site: JsonString | undefined;
  touches: Touch[] | undefined;
  /**
   * Kept beside `touches` while a variable is evaluated: for each touch, the string being evaluated
   * when it was added (the declaration's own string, also for touches that come from other variables).
   */
  origins: (JsonString | undefined)[] | undefined;
  /** Set while a member chain over `variables('v')` is evaluated: the call and the path it reads. */
  variablePath: VariablePath | undefined;

  constructor(host: EvalHost<F>, frame: F, budget: Budget, touches: Touch[] | undefined) {
    this.host = host;
    this.frame = frame;
    this.budget = budget;
    this.depth = 0;
    this.loops = undefined;
    this.currentLoop = undefined;
    this.functionParams = undefined;
    this.site = undefined;
    this.touches = touches;
    this.origins = undefined;
    this.variablePath = undefined;
  }

  /**
   * A copy of this context (what `{ ...ctx }` gave) with another frame, depth, loops and function
   * parameters; the site, touches, origins and variable path are this context's.
   */
  derive(
    frame: F,
    depth: number,
    loops: ReadonlyMap<string, Value> | undefined,
    currentLoop: string | undefined,
    functionParams: Map<string, Value> | undefined,
  ): EvalContext<F> {
    const ctx = new EvalContext<F>(this.host, frame, this.budget, this.touches);
    ctx.depth = depth;
    ctx.loops = loops;
    ctx.currentLoop = currentLoop;
    ctx.functionParams = functionParams;
    ctx.site = this.site;
    ctx.origins = this.origins;
    ctx.variablePath = this.variablePath;
    return ctx;
  }
}

/** `variables('v').a[0].b`: the `variables` call and the literal path read from its value. */
export interface VariablePath {
  call: Call;
  path: (string | number)[];
}

class BudgetExceeded extends Error {}

const MAX_RANGE = 10_000;
/** Longest array `concat()` builds; longer ones become an Unknown instead of being allocated. */
const MAX_ARRAY = 100_000;
const TOO_LONG = "(string too long)";

export function newContext<F>(host: EvalHost<F>, frame: F, budget: Budget, touches?: Touch[]): EvalContext<F> {
  return new EvalContext(host, frame, budget, touches);
}

/** Evaluate a JSON node (object, array, literal or expression string). Never throws. */
export function evaluateNode<F>(node: JsonNode, ctx: EvalContext<F>): Value {
  try {
    return evalNode(node, ctx);
  } catch (e) {
    if (e instanceof BudgetExceeded) return new Unknown("(evaluation budget exceeded)");
    if (e instanceof RangeError) {
      ctx.budget.exhausted ??= "evaluation nested too deeply";
      return new Unknown("(evaluation too deep)");
    }
    throw e;
  }
}

/** Evaluate one string (expression or literal). Never throws. */
export function evaluateString<F>(node: JsonString, ctx: EvalContext<F>): Value {
  return evaluateNode(node, ctx);
}

function step(ctx: EvalContext<unknown>): void {
  const b = ctx.budget;
  if (++b.steps > b.maxSteps) {
    b.exhausted ??= `more than ${b.maxSteps} evaluation steps`;
    throw new BudgetExceeded();
  }
}

function evalNode<F>(node: JsonNode, ctx: EvalContext<F>): Value {
  step(ctx);
  switch (node.type) {
    case "string":
      return evalStringNode(node, ctx);
    case "number":
    case "boolean":
    case "null":
      return node.value;
    case "array": {
      // Exact length (see `evalArgs`).
      const out = new Array<Value>(node.items.length);
      for (let i = 0; i < out.length; i++) out[i] = evalNode(node.items[i]!, ctx);
      return out;
    }
    case "object": {
      const obj = new ObjectValue();
      for (const p of node.properties) {
        if (p.value.type === "array" && p.key.length === 4 && p.key.toLowerCase() === "copy") {
          // Property copy loops: each entry defines an array property; evaluate its input once
          // with the loop's index symbolic, so ids inside it are still seen.
          for (const entry of p.value.items) {
            if (entry.type !== "object") continue;
            const nameProp = entry.properties.find((q) => q.key.toLowerCase() === "name");
            const inputProp = entry.properties.find((q) => q.key.toLowerCase() === "input");
            const loopName = nameProp?.value.type === "string" ? nameProp.value.value : "";
            if (inputProp === undefined) continue;
            const inner = withLoop(ctx, loopName, new Unknown(`copyIndex('${loopName}')`));
            const item = evalNode(inputProp.value, inner);
            obj.set(loopName, new Unknown(`copy(${renderValue(item)})`));
          }
          continue;
        }
        obj.set(p.key, evalNode(p.value, ctx));
      }
      return obj;
    }
  }
}

function withLoop<F>(ctx: EvalContext<F>, name: string, index: Value): EvalContext<F> {
  const loops = new Map(ctx.loops ?? []);
  loops.set(name.toLowerCase(), index);
  return ctx.derive(ctx.frame, ctx.depth, loops, ctx.currentLoop, ctx.functionParams);
}

export type ParseCache = Map<JsonString, ReturnType<typeof parseExpression>>;

/** Parse an expression string once per JSON node (strings are evaluated several times). */
export function parsedExpression(node: JsonString, cache: ParseCache | undefined): ReturnType<typeof parseExpression> {
  let r = cache?.get(node);
  if (r === undefined) {
    r = parseExpression(node.value);
    cache?.set(node, r);
  }
  return r;
}

function evalStringNode<F>(node: JsonString, ctx: EvalContext<F>): Value {
  // Classified as `classifyString` does, without its result object: a literal not led by `[` is kept verbatim.
  if (!isExpressionString(node.value)) {
    // An empty string is tested by its length: charCodeAt(0) would read out of bounds (an optimized-code deopt).
    if (node.value.length === 0 || node.value.charCodeAt(0) !== 91) return node.value;
    const cls = classifyString(node.value);
    if (cls.kind === "literal") return cls.value;
  }
  const parsed = parsedExpression(node, ctx.budget.parsed);
  if (!parsed.ok) return new Unknown(`(invalid expression)`);
  if (ctx.site === node) return evalExpr(parsed.expr, ctx);
  const outer = ctx.site;
  ctx.site = node;
  try {
    return evalExpr(parsed.expr, ctx);
  } finally {
    ctx.site = outer;
  }
}

/** Evaluate an already parsed expression. */
export function evaluateExpr<F>(expr: Expr, ctx: EvalContext<F>): Value {
  try {
    return evalExpr(expr, ctx);
  } catch (e) {
    if (e instanceof BudgetExceeded) return new Unknown("(evaluation budget exceeded)");
    if (e instanceof RangeError) {
      ctx.budget.exhausted ??= "evaluation nested too deeply";
      return new Unknown("(evaluation too deep)");
    }
    throw e;
  }
}

function evalExpr<F>(expr: Expr, ctx: EvalContext<F>): Value {
  step(ctx);
  switch (expr.kind) {
    case "string":
      return expr.value;
    case "number":
      return expr.value;
    case "member":
    case "index": {
      // Uses are tracked: a chain that reads a literal path of a variable takes only that part's touches.
      const path = ctx.touches !== undefined && ctx.variablePath === undefined ? variablePathOf(expr) : undefined;
      if (path === undefined) return evalChain(expr, ctx);
      ctx.variablePath = path;
      try {
        return evalChain(expr, ctx);
      } finally {
        ctx.variablePath = undefined;
      }
    }
    case "call":
      return evalCall(expr, ctx);
  }
}

/** A member or index access; the chain below it is walked here, so `variablePathOf` runs once per chain. */
function evalChain<F>(expr: Member | Index, ctx: EvalContext<F>): Value {
  const below = expr.object;
  let obj: Value;
  if (below.kind === "member" || below.kind === "index") {
    step(ctx);
    obj = evalChain(below, ctx);
  } else obj = evalExpr(below, ctx);
  if (expr.kind === "member") return member(obj, expr.property, ctx);
  return indexValue(obj, evalExpr(expr.index, ctx), ctx);
}

export function member<F>(obj: Value, name: string, ctx: EvalContext<F>): Value {
  if (obj instanceof ObjectValue) {
    const v = obj.get(name);
    if (v !== undefined) return v;
    if (obj instanceof OpenObject) return new Unknown(`${obj.base}.${name}`);
    return new Unknown(`${displayText(renderValue(obj))}.${name}`);
  }
  if (obj instanceof RefValue) return ctx.host.refMember(obj, name, ctx);
  if (obj instanceof Unknown) return Unknown.ofMember(obj, name);
  return new Unknown(`${displayText(renderValue(obj))}.${name}`);
}

function indexValue<F>(obj: Value, idx: Value, ctx: EvalContext<F>): Value {
  if (Array.isArray(obj) && typeof idx === "number") {
    // The element as it is (a null element is null); an index ARM rejects (outside the array, not whole) stays unknown.
    return Number.isInteger(idx) && idx >= 0 && idx < obj.length ? obj[idx]! : Unknown.ofIndex(obj, idx);
  }
  if (typeof idx === "string" && !hasToken(idx)) return member(obj, idx, ctx);
  if (obj instanceof RefValue && typeof idx === "string") return obj.member(displayText(idx));
  return Unknown.ofIndex(obj, idx);
}

/** An object with more members than modelled (`resourceGroup()`, `deployment()`): missing ones are symbols. */
export class OpenObject extends ObjectValue {
  constructor(readonly base: string) {
    super();
  }
}

function str(v: Value | undefined): string {
  return v === undefined ? "" : toStringValue(v);
}

function isStr(v: Value | undefined): v is string {
  return typeof v === "string";
}

function exactStr(v: Value | undefined): v is string {
  return typeof v === "string" && !hasToken(v);
}

function opaque(name: string, args: Value[]): Unknown {
  return Unknown.ofCall(name, args);
}

function checkLength<F>(s: string, ctx: EvalContext<F>): Value {
  return s.length > ctx.budget.maxStringLength ? tooLong(ctx) : s;
}

function tooLong<F>(ctx: EvalContext<F>): Unknown {
  ctx.budget.exhausted ??= `a string longer than ${ctx.budget.maxStringLength} characters`;
  return new Unknown(TOO_LONG);
}

/** An argument that already overflowed the string budget: what concatenating it gives. */
function tooLongArg(args: Value[]): Unknown | undefined {
  // A pending call's text is `fn(...)`, never the marker: no need to render it.
  for (const a of args) if (a instanceof Unknown && !a.isPendingCall && a.text === TOO_LONG) return a;
  return undefined;
}

/** What a built-in function name (as written) calls: looked up once per spelling, not per call. */
interface Builtin {
  lower: string;
  impl: Impl | undefined;
  lambda: boolean;
  /** `parameters` or `variables`. */
  symbol: boolean;
}

const builtins = new Map<string, Builtin>();

function builtin(name: string): Builtin {
  let b = builtins.get(name);
  if (b === undefined) {
    const lower = name.toLowerCase();
    b = { lower, impl: FUNCTIONS.get(lower), lambda: LAMBDA_FUNCTIONS.has(lower), symbol: lower === "parameters" || lower === "variables" };
    // Spellings come from templates: keep the table bounded.
    if (builtins.size >= 4096) builtins.clear();
    builtins.set(name, b);
  }
  return b;
}

/** The lowercase name of a function as written (what the function table is keyed by), cached per spelling. */
export function functionKey(name: string): string {
  return builtin(name).lower;
}

/**
 * The arguments of every call without any (`copyIndex()`, `deployment()`, `utcNow()`): one shared array, as
 * evaluated values are never changed once made. `createArray()`, whose value is its argument list, makes its own.
 */
const NO_VALUES: Value[] = emptyValues();

/**
 * A new empty array with the element kind of the evaluator's other arrays (any value, not only small integers).
 * A bare `[]` that is never written stays an array of small integers: a third array map, beside the packed and
 * holey arrays of values, in every function that reads values, and optimized code that had not met it yet
 * deoptimized on it ("wrong map" in renderValue, callText, Unknown.ofCall, renderDepth, ...).
 */
function emptyValues(): Value[] {
  const a: Value[] = [null];
  a.pop();
  return a;
}

function evalArgs<F>(call: Call, ctx: EvalContext<F>): Value[] {
  // Arrays of the exact length, left to right: an array grown by `push` from empty reserves 17 slots,
  // and argument lists are the evaluator's most frequent allocation (opaque calls keep them).
  const a = call.args;
  switch (a.length) {
    case 0:
      return NO_VALUES;
    case 1:
      return [evalExpr(a[0]!, ctx)];
    case 2:
      return [evalExpr(a[0]!, ctx), evalExpr(a[1]!, ctx)];
    case 3:
      return [evalExpr(a[0]!, ctx), evalExpr(a[1]!, ctx), evalExpr(a[2]!, ctx)];
    default: {
      const out = new Array<Value>(a.length);
      for (let i = 0; i < a.length; i++) out[i] = evalExpr(a[i]!, ctx);
      return out;
    }
  }
}

function evalCall<F>(call: Call, ctx: EvalContext<F>): Value {
  if (call.namespace !== undefined) return userFunction(call, ctx);
  const b = builtin(call.name);
  const name = b.lower;
  if (b.symbol && call.args.length === 1) {
    // `parameters('p')` and `variables('v')` (a third of all calls) read their literal name without an
    // argument list; the step is the one evaluating the literal would take.
    const arg = call.args[0]!;
    if (arg.kind === "string" && !hasToken(arg.value)) {
      step(ctx);
      return name === "parameters" ? readParameter(arg.value, ctx) : readVariable(arg.value, ctx, call);
    }
  }
  if (name === "if") return evalIf(call, ctx);
  if (b.lambda) {
    const args = call.args.map((a) => (a.kind === "call" && a.name.toLowerCase() === "lambda" ? new Unknown("lambda") : evalExpr(a, ctx)));
    return opaque(call.name, args);
  }
  const args = evalArgs(call, ctx);
  if (b.impl !== undefined) return b.impl(args, ctx, call);
  if (name.startsWith("list")) return ctx.host.reference(ctx.frame, call.name, args[0] ?? null, args, ctx, call);
  return opaque(call.name, args);
}

function evalIf<F>(call: Call, ctx: EvalContext<F>): Value {
  const [c, a, b] = call.args;
  if (c === undefined || a === undefined || b === undefined) return new Unknown("if()");
  const cond = evalExpr(c, ctx);
  // Both branches are evaluated either way: ARM evaluates them, and their ids count as uses.
  const va = evalExpr(a, ctx);
  const vb = evalExpr(b, ctx);
  if (cond === true) return va;
  if (cond === false) return vb;
  if (isExactValue(va) && isExactValue(vb) && (va === vb || renderValue(va) === renderValue(vb))) return va;
  return opaque("if", [cond, va, vb]);
}

function userFunction<F>(call: Call, ctx: EvalContext<F>): Value {
  const args = evalArgs(call, ctx);
  const fn = ctx.host.userFunction(ctx.frame, call.namespace ?? "", call.name);
  if (fn?.output === undefined || ctx.depth >= ctx.budget.maxDepth) return opaque(`${call.namespace ?? ""}.${call.name}`, args);
  const params = new Map<string, Value>();
  fn.parameters.forEach((p, i) => params.set(p.toLowerCase(), args[i] ?? null));
  return evalNode(fn.output, ctx.derive(fn.frame, ctx.depth + 1, undefined, undefined, params));
}

type Impl = (args: Value[], ctx: EvalContext<unknown>, call: Call) => Value;

const LAMBDA_FUNCTIONS = new Set(["filter", "map", "reduce", "sort", "toobject", "groupby", "mapvalues"]);

function resourceIdImpl(kind: "resourceId" | "subscriptionResourceId" | "tenantResourceId" | "managementGroupResourceId" | "extensionResourceId"): Impl {
  return (args, ctx, call) => {
    const info = ctx.host.scopeInfo(ctx.frame);
    let prefix: string;
    // Index of the type argument; the names follow it. Read by index: no slices of `args`.
    let typeIndex: number;
    if (kind === "extensionResourceId") {
      prefix = str(args[0] ?? "");
      typeIndex = 1;
    } else {
      typeIndex = -1;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (isStr(a) && isResourceType(a)) {
          typeIndex = i;
          break;
        }
      }
      if (typeIndex < 0) return opaque(kind, args);
      // The scope arguments before the type (only the first two are ever read).
      const before0 = typeIndex > 0 ? str(args[0]) : undefined;
      const before1 = typeIndex > 1 ? str(args[1]) : undefined;
      if (kind === "tenantResourceId") prefix = "";
      else if (kind === "managementGroupResourceId") {
        prefix = `/providers/Microsoft.Management/managementGroups/${before0 ?? info.managementGroup}`;
      } else if (kind === "subscriptionResourceId") {
        prefix = `/subscriptions/${before0 ?? info.subscriptionId}`;
      } else if (before1 !== undefined) {
        prefix = `/subscriptions/${before0}/resourceGroups/${before1}`;
      } else if (before0 !== undefined) {
        prefix = info.targetScope === "resourceGroup" ? `/subscriptions/${info.subscriptionId}/resourceGroups/${before0}` : `/subscriptions/${before0}`;
      } else if (info.targetScope === "resourceGroup") {
        prefix = `/subscriptions/${info.subscriptionId}/resourceGroups/${info.resourceGroup}`;
      } else if (info.targetScope === "subscription") {
        prefix = `/subscriptions/${info.subscriptionId}`;
      } else if (info.targetScope === "managementGroup") {
        prefix = `/providers/Microsoft.Management/managementGroups/${info.managementGroup}`;
      } else prefix = "";
    }
    const type = args[typeIndex];
    if (!isStr(type)) return opaque(kind, args);
    const names = new Array<string>(Math.max(0, args.length - typeIndex - 1));
    for (let i = 0; i < names.length; i++) names[i] = str(args[typeIndex + 1 + i]);
    const id = buildId(prefix, type, names);
    recordTouch(ctx, "resourceId", id, "id", undefined, call);
    return checkLength(id, ctx);
  };
}

/** `Ns.Provider/type[/type...]` */
export function isResourceType(s: string): boolean {
  const slash = s.indexOf("/");
  if (slash <= 0 || s.length <= slash + 1) return false;
  // The namespace (before the first '/') holds a '.' and no token: searched in place, not sliced out.
  const dot = s.indexOf(".");
  if (dot < 0 || dot > slash) return false;
  const marker = s.indexOf(TOKEN_START);
  return marker < 0 || marker > slash;
}

/** Interleave a resource type's segments with name segments into an id under `prefix`. */
export function buildId(prefix: string, type: string, names: string[]): string {
  const { ns, types } = typeSegments(type);
  let nameSegs = names;
  for (const n of names) {
    if (n.includes("/")) {
      nameSegs = names.flatMap((x) => x.split("/"));
      break;
    }
  }
  // One opaque name for a child type (`name: parameters('subnetName')` on `.../subnets`) holds every
  // segment at deploy time: segment i is what `split(name, '/')[i]` evaluates to, so both spellings meet.
  const whole = nameSegs[0];
  if (nameSegs.length === 1 && types.length > 1 && whole !== undefined && isWholeToken(whole)) {
    nameSegs = types.map((_, i) => toStringValue(new Unknown(`${compactText(`split(${whole}, ${renderValue("/")})`)}[${i}]`)));
  }
  let out = `${prefix}/providers/${ns}`;
  const n = Math.max(types.length, nameSegs.length);
  for (let i = 0; i < n; i++) {
    // Read within bounds only: a read past the end of the shorter list deoptimized optimized code.
    out += `/${i < types.length ? types[i]! : "?"}/${i < nameSegs.length ? nameSegs[i]! : "?"}`;
  }
  return out;
}

const typeSegmentCache = new Map<string, { ns: string; types: readonly string[] }>();

/** A resource type's namespace and type segments (empty segments dropped), split once per type text. */
function typeSegments(type: string): { ns: string; types: readonly string[] } {
  let t = typeSegmentCache.get(type);
  if (t === undefined) {
    // Kept across files: a copy, not a slice holding on to this file's text.
    const key = detach(type);
    const segs = key.split("/").filter((x) => x !== "");
    t = { ns: segs[0] ?? "", types: segs.slice(1) };
    // Types come from templates: keep the table bounded.
    if (typeSegmentCache.size >= 4096) typeSegmentCache.clear();
    typeSegmentCache.set(key, t);
  }
  return t;
}

function recordTouch(ctx: EvalContext<unknown>, kind: Touch["kind"], target: string, by: Touch["by"], resolved: number | undefined, call: Call): void {
  ctx.touches?.push({ kind, target, by, resolved, site: ctx.site, start: call.start, end: call.end });
  ctx.origins?.push(ctx.site);
}

/**
 * The `variables('v')` call at the bottom of a member/index chain and the literal path the chain
 * reads, or undefined. A computed index ends the path there (`variables('v').a[i].b` reads `a`).
 */
function variablePathOf(expr: Member | Index): VariablePath | undefined {
  const path: (string | number)[] = [];
  let e: Expr = expr;
  while (e.kind === "member" || e.kind === "index") {
    if (e.kind === "member") path.push(e.property);
    else if (e.index.kind === "string" || e.index.kind === "number") path.push(e.index.value);
    else path.length = 0;
    e = e.object;
  }
  if (e.kind !== "call" || e.namespace !== undefined || e.args.length !== 1 || e.args[0]!.kind !== "string") return undefined;
  if (e.name.length !== 9 || e.name.toLowerCase() !== "variables" || path.length === 0) return undefined;
  return { call: e, path: path.reverse() };
}

/** Record a touch from the host (reference/list resolution). */
export function touch<F>(ctx: EvalContext<F>, kind: Touch["kind"], target: string, by: Touch["by"], resolved: number | undefined, call: Call): void {
  ctx.touches?.push({ kind, target, by, resolved, site: ctx.site, start: call.start, end: call.end });
  ctx.origins?.push(ctx.site);
}

function formatImpl(args: Value[], ctx: EvalContext<unknown>): Value {
  const fmt = args[0];
  if (!exactStr(fmt)) return opaque("format", args);
  const overflow = tooLongArg(args);
  if (overflow) return overflow;
  // Literal text is copied a run at a time (up to the next brace), not a character at a time.
  let out = "";
  let run = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt.charCodeAt(i);
    if (c === 123 /* { */) {
      out += fmt.slice(run, i);
      if (fmt.charCodeAt(i + 1) === 123) {
        out += "{";
        i++;
        run = i + 1;
        continue;
      }
      const close = fmt.indexOf("}", i);
      if (close < 0) return opaque("format", args);
      const spec = fmt.slice(i + 1, close);
      const colon = spec.indexOf(":");
      const idx = Number(colon < 0 ? spec : spec.slice(0, colon));
      const arg = Number.isInteger(idx) ? args[idx + 1] : undefined;
      if (arg === undefined) return opaque("format", args);
      if (colon >= 0 && typeof arg === "number") out += formatNumber(arg, spec.slice(colon + 1));
      else if (colon >= 0) out += token(`format('{0:${spec.slice(colon + 1)}}', ${renderValue(arg)})`);
      else out += str(arg);
      i = close;
      run = i + 1;
    } else if (c === 125 /* } */ && fmt.charCodeAt(i + 1) === 125) {
      out += fmt.slice(run, i) + "}";
      i++;
      run = i + 1;
    }
  }
  out += fmt.slice(run);
  return checkLength(out, ctx);
}

function formatNumber(n: number, spec: string): string {
  const m = /^[dD](\d+)$/.exec(spec);
  if (m) return String(Math.trunc(n)).padStart(Number(m[1]), "0");
  if (/^0+$/.test(spec)) return String(Math.trunc(n)).padStart(spec.length, "0");
  if (/^[nNfF](\d*)$/.test(spec)) return n.toFixed(Number(spec.slice(1) || "2"));
  return String(n);
}

function concatImpl(args: Value[], ctx: EvalContext<unknown>): Value {
  if (args.length > 0 && args.every((a) => Array.isArray(a))) {
    let total = 0;
    for (const a of args as Value[][]) total += a.length;
    if (total > MAX_ARRAY) {
      ctx.budget.exhausted ??= `an array longer than ${MAX_ARRAY} items`;
      return new Unknown("(array too long)");
    }
    return (args as Value[][]).flat();
  }
  const overflow = tooLongArg(args);
  if (overflow) return overflow;
  let out = "";
  for (const a of args) {
    out += str(a);
    if (out.length > ctx.budget.maxStringLength) return checkLength(out, ctx);
  }
  return out;
}

/** Apply `f` to the literal parts of a tokenized string (tokens kept as they are). */
function mapLiteral(s: string, f: (x: string) => string): string {
  if (!hasToken(s)) return f(s);
  let out = "";
  let depth = 0;
  let lit = "";
  for (const ch of s) {
    if (ch === TOKEN_START) {
      if (depth === 0) {
        out += f(lit);
        lit = "";
      }
      depth++;
      out += ch;
    } else if (ch === TOKEN_END) {
      depth--;
      out += ch;
    } else if (depth === 0) lit += ch;
    else out += ch;
  }
  return out + f(lit);
}

/** Split a tokenized string on a delimiter, refusing when a piece would cut a token. */
function splitTokenized(s: string, delims: string[]): string[] | undefined {
  let pieces = [s];
  for (const d of delims) {
    if (d === "") return undefined;
    pieces = pieces.flatMap((p) => p.split(d));
  }
  for (const p of pieces) {
    let depth = 0;
    for (const ch of p) {
      if (ch === TOKEN_START) depth++;
      else if (ch === TOKEN_END) depth--;
      if (depth < 0) return undefined;
    }
    if (depth !== 0) return undefined;
  }
  return pieces;
}

function num(v: Value | undefined): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function compare(args: Value[], name: string, f: (a: number | string, b: number | string) => boolean): Value {
  const [a, b] = args;
  if ((typeof a === "number" && typeof b === "number") || (exactStr(a) && exactStr(b))) return f(a, b);
  return opaque(name, args);
}

function valueEquals(a: Value, b: Value): boolean | undefined {
  if (!isExactValue(a) || !isExactValue(b)) {
    if (typeof a === "string" && typeof b === "string" && a === b) return true;
    // The same opaque call on the same arguments (`guid(...)`, `uniqueString(...)`) is the same value.
    // Budget markers such as `(string too long)` stand for different values and are never equal.
    if (a instanceof Unknown && b instanceof Unknown && a.text === b.text && a.tag === b.tag && !a.text.startsWith("(")) return true;
    return undefined;
  }
  return a === b || renderValue(a) === renderValue(b);
}

function jsonToValue(x: unknown): Value {
  if (x === null || typeof x === "string" || typeof x === "number" || typeof x === "boolean") return x;
  if (Array.isArray(x)) return x.map(jsonToValue);
  if (typeof x === "object") {
    const o = new ObjectValue();
    for (const [k, v] of Object.entries(x)) o.set(k, jsonToValue(v));
    return o;
  }
  return null;
}

function unionImpl(args: Value[]): Value {
  if (args.every((a) => a instanceof ObjectValue)) {
    const out = new ObjectValue();
    for (const a of args) for (const e of a.entries.values()) out.set(e.key, e.value);
    return out;
  }
  if (args.every((a) => Array.isArray(a)) && args.every(isExactValue)) {
    const seen = new Set<string>();
    const out: Value[] = [];
    for (const a of args as Value[][])
      for (const x of a) {
        const k = renderValue(x);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(x);
        }
      }
    return out;
  }
  return opaque("union", args);
}

function scopeObject(info: ScopeInfo, kind: "resourceGroup" | "subscription"): OpenObject {
  if (kind === "subscription") {
    const o = new OpenObject("subscription()");
    o.set("id", `/subscriptions/${info.subscriptionId}`);
    o.set("subscriptionId", info.subscriptionId);
    return o;
  }
  const o = new OpenObject("resourceGroup()");
  o.set("id", `/subscriptions/${info.subscriptionId}/resourceGroups/${info.resourceGroup}`);
  o.set("name", info.resourceGroup);
  return o;
}

const FUNCTIONS = new Map<string, Impl>([
  ["parameters", (args, ctx) => {
    const n = args[0];
    return exactStr(n) ? readParameter(n, ctx) : opaque("parameters", args);
  }],
  ["variables", (args, ctx, call) => {
    const n = args[0];
    return exactStr(n) ? readVariable(n, ctx, call) : opaque("variables", args);
  }],
  ["format", formatImpl],
  ["concat", concatImpl],
  ["resourceid", resourceIdImpl("resourceId")],
  ["subscriptionresourceid", resourceIdImpl("subscriptionResourceId")],
  ["tenantresourceid", resourceIdImpl("tenantResourceId")],
  ["managementgroupresourceid", resourceIdImpl("managementGroupResourceId")],
  ["extensionresourceid", resourceIdImpl("extensionResourceId")],
  ["resourcegroup", (args, ctx) => (args.length === 0 ? scopeObject(ctx.host.scopeInfo(ctx.frame), "resourceGroup") : opaque("resourceGroup", args))],
  ["subscription", (args, ctx) => (args.length === 0 ? scopeObject(ctx.host.scopeInfo(ctx.frame), "subscription") : opaque("subscription", args))],
  ["managementgroup", (args, ctx) => {
    const o = new OpenObject("managementGroup()");
    const mg = ctx.host.scopeInfo(ctx.frame).managementGroup;
    o.set("name", mg);
    o.set("id", `/providers/Microsoft.Management/managementGroups/${mg}`);
    return args.length === 0 ? o : opaque("managementGroup", args);
  }],
  ["tenant", () => new OpenObject("tenant()")],
  ["deployment", (args, ctx) => (args.length === 0 ? ctx.host.deployment(ctx.frame) : opaque("deployment", args))],
  ["environment", () => new OpenObject("environment()")],
  ["deployer", () => new OpenObject("deployer()")],
  ["reference", (args, ctx, call) => ctx.host.reference(ctx.frame, call.name, args[0] ?? null, args, ctx, call)],
  ["references", (args, ctx, call) => ctx.host.reference(ctx.frame, call.name, args[0] ?? null, args, ctx, call)],
  ["copyindex", (args, ctx) => {
    const [a, b] = args;
    let loop: string | undefined;
    let offset: Value = 0;
    if (typeof a === "string") {
      loop = a;
      offset = b ?? 0;
    } else if (a !== undefined) offset = a;
    const idx = ctx.host.copyIndex(ctx.frame, loop, ctx);
    if (offset === 0) return idx;
    if (typeof idx === "number" && typeof offset === "number") return idx + offset;
    return opaque("add", [idx, offset]);
  }],
  ["true", () => true],
  ["false", () => false],
  ["null", () => null],
  // Names, types and ids compare case-insensitively, so changing the case of a symbol keeps it.
  ["tolower", (args) => caseOf(args, "toLower", (s) => s.toLowerCase())],
  ["toupper", (args) => caseOf(args, "toUpper", (s) => s.toUpperCase())],
  ["trim", (args) => (exactStr(args[0]) ? args[0].trim() : opaque("trim", args))],
  ["string", (args) => {
    const a = args[0];
    if (a === undefined) return opaque("string", args);
    if (isStr(a)) return a;
    if (a instanceof ObjectValue || Array.isArray(a)) return isExactValue(a) ? JSON.stringify(a instanceof ObjectValue || Array.isArray(a) ? plainOf(a) : a) : opaque("string", args);
    return str(a);
  }],
  ["replace", (args) => {
    const [s, a, b] = args;
    if (exactStr(s) && exactStr(a) && exactStr(b)) return a === "" ? s : s.split(a).join(b);
    if (isStr(s) && exactStr(a) && exactStr(b) && a !== "" && !a.includes(TOKEN_START)) {
      const pieces = splitTokenized(s, [a]);
      if (pieces) return pieces.join(b);
    }
    return opaque("replace", args);
  }],
  ["split", (args) => {
    const [s, d] = args;
    const delims = exactStr(d) ? [d] : Array.isArray(d) && d.every(exactStr) ? (d) : undefined;
    if (isStr(s) && delims) return splitTokenized(s, delims) ?? opaque("split", args);
    return opaque("split", args);
  }],
  ["join", (args) => {
    const [a, d] = args;
    if (Array.isArray(a) && isStr(d)) return a.map(str).join(d);
    return opaque("join", args);
  }],
  ["last", (args) => {
    const a = args[0];
    if (Array.isArray(a)) return a.length > 0 ? a[a.length - 1]! : opaque("last", args);
    if (exactStr(a)) return a.slice(-1);
    return opaque("last", args);
  }],
  ["first", (args) => {
    const a = args[0];
    if (Array.isArray(a)) return a.length > 0 ? a[0]! : opaque("first", args);
    if (exactStr(a)) return a.slice(0, 1);
    return opaque("first", args);
  }],
  ["take", (args) => {
    const [a, n] = args;
    if (typeof n === "number" && (Array.isArray(a) || exactStr(a))) return a.slice(0, Math.max(0, n));
    return opaque("take", args);
  }],
  ["skip", (args) => {
    const [a, n] = args;
    if (typeof n === "number" && (Array.isArray(a) || exactStr(a))) return a.slice(Math.max(0, n));
    return opaque("skip", args);
  }],
  ["substring", (args) => {
    const [s, st, len] = args;
    if (exactStr(s) && typeof st === "number" && (len === undefined || typeof len === "number")) return len === undefined ? s.slice(st) : s.slice(st, st + Math.max(0, len));
    return opaque("substring", args);
  }],
  ["length", (args) => {
    const a = args[0];
    if (Array.isArray(a) || exactStr(a)) return a.length;
    if (a instanceof ObjectValue && !(a instanceof OpenObject)) return a.entries.size;
    return opaque("length", args);
  }],
  ["empty", (args) => {
    const a = args[0];
    if (a === null) return true;
    if (Array.isArray(a)) return a.length === 0;
    if (isStr(a)) return a.length === 0 ? true : hasToken(a) ? opaque("empty", args) : false;
    if (a instanceof ObjectValue && !(a instanceof OpenObject)) return a.entries.size === 0;
    return opaque("empty", args);
  }],
  ["contains", (args) => {
    const [a, b] = args;
    if (exactStr(a) && exactStr(b)) return a.toLowerCase().includes(b.toLowerCase());
    if (Array.isArray(a) && isExactValue(a) && isExactValue(b ?? null)) return a.some((x) => valueEquals(x, b ?? null) === true);
    if (a instanceof ObjectValue && !(a instanceof OpenObject) && exactStr(b)) return a.get(b) !== undefined;
    return opaque("contains", args);
  }],
  ["startswith", (args) => (exactStr(args[0]) && exactStr(args[1]) ? args[0].toLowerCase().startsWith(args[1].toLowerCase()) : opaque("startsWith", args))],
  ["endswith", (args) => (exactStr(args[0]) && exactStr(args[1]) ? args[0].toLowerCase().endsWith(args[1].toLowerCase()) : opaque("endsWith", args))],
  ["equals", (args) => {
    const r = valueEquals(args[0] ?? null, args[1] ?? null);
    return r ?? opaque("equals", args);
  }],
  ["not", (args) => (typeof args[0] === "boolean" ? !args[0] : opaque("not", args))],
  ["and", (args) => {
    if (args.some((a) => a === false)) return false;
    if (args.every((a) => a === true)) return true;
    return opaque("and", args);
  }],
  ["or", (args) => {
    if (args.some((a) => a === true)) return true;
    if (args.every((a) => a === false)) return false;
    return opaque("or", args);
  }],
  ["bool", (args) => {
    const a = args[0];
    if (typeof a === "boolean") return a;
    if (exactStr(a)) return a.toLowerCase() === "true";
    if (typeof a === "number") return a !== 0;
    return opaque("bool", args);
  }],
  ["int", (args) => {
    const n = num(args[0]);
    return n === undefined ? opaque("int", args) : Math.trunc(n);
  }],
  ["less", (args) => compare(args, "less", (a, b) => a < b)],
  ["lessorequals", (args) => compare(args, "lessOrEquals", (a, b) => a <= b)],
  ["greater", (args) => compare(args, "greater", (a, b) => a > b)],
  ["greaterorequals", (args) => compare(args, "greaterOrEquals", (a, b) => a >= b)],
  ["add", (args) => arith(args, "add", (a, b) => a + b)],
  ["sub", (args) => arith(args, "sub", (a, b) => a - b)],
  ["mul", (args) => arith(args, "mul", (a, b) => a * b)],
  ["div", (args) => arith(args, "div", (a, b) => (b === 0 ? NaN : Math.trunc(a / b)))],
  ["mod", (args) => arith(args, "mod", (a, b) => (b === 0 ? NaN : a % b))],
  ["min", (args) => minMax(args, "min", Math.min)],
  ["max", (args) => minMax(args, "max", Math.max)],
  ["range", (args) => {
    const [s, c] = args;
    if (typeof s === "number" && typeof c === "number" && c >= 0 && c <= MAX_RANGE) return Array.from({ length: c }, (_, i) => s + i);
    return opaque("range", args);
  }],
  // Its own array for `createArray()` (see NO_VALUES).
  ["createarray", (args) => (args.length === 0 ? emptyValues() : args)],
  ["array", (args) => (Array.isArray(args[0]) ? args[0] : args[0] === undefined ? opaque("array", args) : [args[0]])],
  ["createobject", (args) => {
    const o = new ObjectValue();
    for (let i = 0; i + 1 < args.length; i += 2) {
      const k = args[i];
      if (!exactStr(k)) return opaque("createObject", args);
      o.set(k, args[i + 1] ?? null);
    }
    return o;
  }],
  ["union", unionImpl],
  ["coalesce", (args) => {
    for (const a of args) {
      if (a === null) continue;
      if (isUnknownValue(a)) return opaque("coalesce", args);
      return a;
    }
    return null;
  }],
  ["json", (args) => {
    const a = args[0];
    if (!exactStr(a)) return opaque("json", args);
    if (a.length > 100_000) return opaque("json", args);
    try {
      return jsonToValue(JSON.parse(a));
    } catch {
      return opaque("json", args);
    }
  }],
  ["objectkeys", (args) => {
    const a = args[0];
    return a instanceof ObjectValue && !(a instanceof OpenObject) ? a.keys() : opaque("objectKeys", args);
  }],
  ["tryget", (args) => {
    let cur: Value = args[0] ?? null;
    for (const k of args.slice(1)) {
      // Safe dereference: a missing step, or null itself, gives null (Bicep's `a.?b.?c`).
      if (cur === null) return null;
      if (cur instanceof ObjectValue && !(cur instanceof OpenObject) && exactStr(k)) cur = cur.get(k) ?? null;
      else if (Array.isArray(cur) && typeof k === "number") cur = cur[k] ?? null;
      else return opaque("tryGet", args);
    }
    return cur;
  }],
  ["shallowmerge", (args) => {
    const a = args[0];
    if (Array.isArray(a) && a.every((x) => x instanceof ObjectValue)) return unionImpl(a);
    return opaque("shallowMerge", args);
  }],
  ["padleft", (args, ctx) => {
    const [s, n, c] = args;
    const v = typeof s === "number" ? String(s) : s;
    if (exactStr(v) && typeof n === "number") return n > ctx.budget.maxStringLength ? tooLong(ctx) : v.padStart(n, exactStr(c) ? c : " ");
    return opaque("padLeft", args);
  }],
  ["indexof", (args) => {
    const [a, b] = args;
    if (exactStr(a) && exactStr(b)) return a.toLowerCase().indexOf(b.toLowerCase());
    return opaque("indexOf", args);
  }],
  ["lastindexof", (args) => {
    const [a, b] = args;
    if (exactStr(a) && exactStr(b)) return a.toLowerCase().lastIndexOf(b.toLowerCase());
    return opaque("lastIndexOf", args);
  }],
]);

/** `parameters(n)` of an exact name: a user function's parameter, else the template's. */
function readParameter(n: string, ctx: EvalContext<unknown>): Value {
  const fp = ctx.functionParams?.get(n.toLowerCase());
  if (fp !== undefined) return fp;
  // Undefined: not declared. A value may be null (a nullable module parameter left out, `"v": null`).
  const value = ctx.host.parameter(ctx.frame, n);
  return value === undefined ? new Unknown(`parameters('${n}')`) : value;
}

/** `variables(n)` of an exact name, read by `call` (which tells the literal path a chain reads from it). */
function readVariable(n: string, ctx: EvalContext<unknown>, call: Call): Value {
  const path = ctx.variablePath?.call === call ? ctx.variablePath.path : undefined;
  const value = ctx.host.variable(ctx.frame, n, ctx, path);
  return value === undefined ? new Unknown(`variables('${n}')`) : value;
}

function caseOf(args: Value[], name: string, f: (s: string) => string): Value {
  const a = args[0];
  if (isStr(a)) return mapLiteral(a, f);
  if (a instanceof Unknown || a instanceof RefValue) return toStringValue(a);
  return opaque(name, args);
}

function plainOf(v: Value): unknown {
  if (Array.isArray(v)) return v.map(plainOf);
  if (v instanceof ObjectValue) {
    const o: Record<string, unknown> = {};
    for (const e of v.entries.values()) Object.defineProperty(o, e.key, { value: plainOf(e.value), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

function arith(args: Value[], name: string, f: (a: number, b: number) => number): Value {
  const a = num(args[0]);
  const b = num(args[1]);
  if (a === undefined || b === undefined) return opaque(name, args);
  const r = f(a, b);
  return Number.isNaN(r) ? opaque(name, args) : r;
}

function minMax(args: Value[], name: string, f: (...n: number[]) => number): Value {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (list.length > 0 && list.every((x) => typeof x === "number")) return f(...(list));
  return opaque(name, args);
}

/** Is this string a full resource id (`/subscriptions/...`, `/providers/...`)? */
export function looksLikeResourceId(s: string): boolean {
  // The length first: charCodeAt(0) of an empty string reads out of bounds (an optimized-code deopt).
  if (s.length < 12 || s.charCodeAt(0) !== 47 /* / */) return false;
  // Case-insensitive tests with no lowercased copy of the text. Without the `u` flag, `i` matches ASCII
  // letters in either case and no other character to an ASCII one, as comparing `s.toLowerCase()` does
  // here: the only other characters that lowercase to ASCII are the Kelvin sign (`k`, in neither word)
  // and `İ` (`i` followed by U+0307, where both words need a letter).
  return RESOURCE_ID_HEAD.test(s) && PROVIDERS_SEGMENT.test(s);
}

const RESOURCE_ID_HEAD = /^\/(?:subscriptions|providers)\//i;
const PROVIDERS_SEGMENT = /\/providers\//i;
