// Helpers for rules that read expressions: the scope that resolves names, literal arguments, and per-model indexes of calls, expression keys and copy loops.
import { LastMemo, ScopeMemo } from "../src/runner/memo.js";
import type { Call, Expr } from "../src/expressions/ast.js";
import type { JsonNode, JsonProperty } from "../src/load/json.js";
import { prop, templateKeys } from "../src/model/build.js";
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
  /** What the `parameters(...)` and `variables(...)` calls read, gathered in the same walk. */
  readonly reads: Readonly<Record<ReadKind, CallReads>>;
}

/** The functions whose calls read a template's declarations by name. */
export type ReadKind = "parameters" | "variables";

/**
 * What a model's parsed `parameters(...)` or `variables(...)` calls read: arm/undefined-symbol and the unused-*
 * rules share it (gathered while the index walks the calls, instead of keeping a list of every such call).
 */
export interface CallReads {
  /** Lowercased literal names read, by the template whose declarations the call sees (symbolScope). */
  readonly names: ReadonlyMap<TemplateScope, ReadonlySet<string>>;
  /** Templates with a call whose argument is not a literal (the template is read dynamically). */
  readonly dynamic: ReadonlySet<TemplateScope>;
  /** Whether some `parameters(...)` call is inside a user function's body: those read the function's own parameters and are not in `names`. */
  readonly inFunction: boolean;
}

/** The calls of one function name (any casing). */
export interface CallGroup {
  /** The name as the first of the calls spells it. */
  readonly name: string;
  /** The fewest and the most arguments of any of the calls (argument counts are checked per name, mostly without visiting calls). */
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The calls in model order, calls of one site in pre-order; `sites[i]` is the site of `calls[i]`. */
  readonly calls: readonly Call[];
  readonly sites: readonly ExpressionSite[];
}

/**
 * Names whose calls the first walk keeps (the built-in rules read the calls of these for every template).
 * Other names keep only their argument counts: most are never visited call by call (they are, when some
 * call has a wrong argument count or the name is unknown), and keeping a list for each of them was most of
 * the index's memory. The first read of such a list collects the lists of all of them in one more walk.
 * `parameters` and `variables` calls are read into CallReads as they are met (see Reads): their lists are
 * read only when a template reads an undeclared name, and are then collected like the others.
 */
const KEPT_NAMES: ReadonlySet<string> = new Set(["copyindex"]);

/** Shared by every answer that has none (read-only, never filled). */
const NO_NAMES: ReadonlyMap<TemplateScope, ReadonlySet<string>> = new Map();
const NO_SCOPES: ReadonlySet<TemplateScope> = new Set();
const NO_READS: CallReads = { names: NO_NAMES, dynamic: NO_SCOPES, inFunction: false };

/** What the calls of one reading function read, gathered call by call in model order. */
class Reads {
  // Made on first need: many templates read no variables, or no name dynamically.
  #names: Map<TemplateScope, Set<string>> | undefined;
  #dynamic: Set<TemplateScope> | undefined;
  #inFunction = false;
  // Consecutive calls are mostly in one template: what depends on it only is found when it changes.
  #siteScope: TemplateScope | undefined;
  #scope: TemplateScope | undefined;
  #functionBodies = false;
  #set: Set<string> | undefined;

  constructor(readonly kind: ReadKind) {}

  add(site: ExpressionSite, call: Call): void {
    if (site.scope !== this.#siteScope) {
      this.#siteScope = site.scope;
      this.#scope = symbolScope(site.scope);
      this.#functionBodies = this.kind === "parameters" && mayHaveFunctionBodies(site.scope);
      this.#set = undefined;
    }
    if (this.#functionBodies && site.inFunction) {
      this.#inFunction = true;
      return;
    }
    const name = literalArg(call);
    if (name === undefined) {
      (this.#dynamic ??= new Set<TemplateScope>()).add(this.#scope!);
      return;
    }
    if (this.#set === undefined) {
      const names = (this.#names ??= new Map<TemplateScope, Set<string>>());
      this.#set = names.get(this.#scope!);
      if (this.#set === undefined) names.set(this.#scope!, (this.#set = new Set()));
    }
    this.#set.add(lowercased(name));
  }

  finish(): CallReads {
    return { names: this.#names ?? NO_NAMES, dynamic: this.#dynamic ?? NO_SCOPES, inFunction: this.#inFunction };
  }
}

class Group implements CallGroup {
  minArgs: number;
  maxArgs: number;
  #calls: Call[] | undefined;
  #sites: ExpressionSite[] | undefined;

  constructor(
    readonly name: string,
    args: number,
    kept: boolean,
    readonly owner: IndexBuilder,
    /** Where the first walk reads the calls of `parameters` and `variables` (undefined for other names). */
    readonly reads: Reads | undefined,
  ) {
    this.minArgs = args;
    this.maxArgs = args;
    if (kept) {
      this.#calls = [];
      this.#sites = [];
    }
  }

  get calls(): readonly Call[] {
    if (this.#calls === undefined) this.owner.collectAll();
    return this.#calls!;
  }

  get sites(): readonly ExpressionSite[] {
    if (this.#sites === undefined) this.owner.collectAll();
    return this.#sites!;
  }

  /** Whether this group has its lists (a kept name, or after collectAll). */
  get collected(): boolean {
    return this.#calls !== undefined;
  }

  /** Starts the lists of a group that had none. */
  startLists(): void {
    this.#calls = [];
    this.#sites = [];
  }

  add(site: ExpressionSite, call: Call): void {
    this.#calls!.push(call);
    this.#sites!.push(site);
  }
}

const EMPTY_GROUP: CallGroup = { name: "", minArgs: 0, maxArgs: 0, calls: [], sites: [] };

/** Builds a model's index: the first walk, and the walk that fills the lists of the names not kept, when one is read. */
class IndexBuilder {
  readonly broken: ExpressionSite[] = [];
  readonly calls = new Map<string, Group>();
  readonly userCalls: SiteCall[] = [];
  /** Groups by the name as spelled: most calls spell their name like an earlier call, and need no lowercasing. */
  readonly #bySpelling = new Map<string, Group>();
  #collectedAll = false;

  constructor(readonly model: TemplateModel) {}

  /** The first walk: broken sites, user calls, argument counts per name and the calls of kept names. */
  build(): void {
    const found: Call[] = [];
    const stack: Expr[] = [];
    const sites = this.model.expressions;
    // Indexed: the index is built once per file, mostly by unoptimized code, where for...of allocates an iterator and its results.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let s = 0; s < sites.length; s++) {
      const site = sites[s]!;
      const result = site.result;
      if (!result.ok) {
        this.broken.push(site);
        continue;
      }
      const count = callsIn(result.expr, found, stack);
      for (let i = 0; i < count; i++) {
        const call = found[i]!;
        if (call.namespace !== undefined) {
          this.userCalls.push({ site, call });
          continue;
        }
        const args = call.args.length;
        let group = this.#bySpelling.get(call.name);
        if (group === undefined) {
          const key = call.name.toLowerCase();
          group = this.calls.get(key);
          if (group === undefined) {
            group = new Group(call.name, args, KEPT_NAMES.has(key), this, key === "parameters" || key === "variables" ? new Reads(key) : undefined);
            this.calls.set(key, group);
          }
          this.#bySpelling.set(call.name, group);
        }
        if (args < group.minArgs) group.minArgs = args;
        if (args > group.maxArgs) group.maxArgs = args;
        if (group.collected) group.add(site, call);
        else if (group.reads !== undefined) group.reads.add(site, call);
      }
    }
  }

  /** Fills the lists of every group that has none, in one walk (so the index walks the expressions at most twice). */
  collectAll(): void {
    if (this.#collectedAll) return;
    this.#collectedAll = true;
    const filling = new Set<Group>();
    for (const group of this.calls.values()) {
      if (group.collected) continue;
      group.startLists();
      filling.add(group);
    }
    const found: Call[] = [];
    const stack: Expr[] = [];
    const sites = this.model.expressions;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
    for (let s = 0; s < sites.length; s++) {
      const site = sites[s]!;
      if (!site.result.ok) continue;
      const count = callsIn(site.result.expr, found, stack);
      for (let i = 0; i < count; i++) {
        const call = found[i]!;
        if (call.namespace !== undefined) continue;
        const group = this.#bySpelling.get(call.name);
        if (group !== undefined && filling.has(group)) group.add(site, call);
      }
    }
  }
}

/**
 * Puts the calls of one expression at the start of `found` and returns how many (entries past that are stale:
 * the array is reused, never shortened, which would drop its storage), in pre-order with children in source
 * order (as walkExpression), without a callback per node. `stack` is scratch space, left empty.
 */
function callsIn(expr: Expr, found: Call[], stack: Expr[]): number {
  let count = 0;
  stack.push(expr);
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case "call":
        found[count++] = node;
        for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i]!);
        break;
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
  return count;
}

const indexMemo = new LastMemo<TemplateModel, ExpressionIndex>();

/** The calls of a model's expressions, computed once per model. */
export function expressionIndex(model: TemplateModel): ExpressionIndex {
  return indexMemo.get(model, buildIndex);
}

function buildIndex(model: TemplateModel): ExpressionIndex {
  const builder = new IndexBuilder(model);
  builder.build();
  const reads = { parameters: readsOf(builder, "parameters"), variables: readsOf(builder, "variables") };
  return { broken: builder.broken, calls: builder.calls, userCalls: builder.userCalls, reads };
}

function readsOf(builder: IndexBuilder, kind: ReadKind): CallReads {
  return builder.calls.get(kind)?.reads?.finish() ?? NO_READS;
}

/** The calls of a built-in-style function (`name` lowercased) in a model's expressions. */
export function callsNamed(model: TemplateModel, name: string): CallGroup {
  return expressionIndex(model).calls.get(name) ?? EMPTY_GROUP;
}

/** What a template's own JSON holds besides expression strings (see templateJson). */
export interface TemplateJson {
  /** Properties whose keys are expressions (`"[parameters('id')]": {}`): the model lists only string values as expression sites. */
  readonly expressionKeys: readonly JsonProperty[];
  /** Copy loop names (resource, property, variable and output loops), lowercased → as written, in the order found. */
  readonly loopNames: ReadonlyMap<string, string>;
}

const jsonMemo = new ScopeMemo<TemplateJson>();
/** The answer for a scope with neither (most): nothing reads into it. */
const NO_TEMPLATE_JSON: TemplateJson = { expressionKeys: [], loopNames: new Map() };

/**
 * Expression keys and copy loop names of a template. Expression keys leave out nested templates that are
 * scopes of their own; loop names leave out every object under a `template` key. The model noted both while
 * collecting expression sites (see templateKeys), in the order of a last-in-first-out walk of the JSON.
 */
export function templateJson(scope: TemplateScope): TemplateJson {
  return jsonMemo.get(scope, readTemplateJson);
}

function readTemplateJson(scope: TemplateScope): TemplateJson {
  const keys = templateKeys(scope);
  if (keys === undefined) return NO_TEMPLATE_JSON;
  const loopNames = new Map<string, string>();
  for (const copy of keys.copies) addLoopNames(copy, loopNames);
  return { expressionKeys: keys.expressionKeys, loopNames };
}

/** The names of a `copy` value: one loop object, or an array of them. */
function addLoopNames(copy: JsonNode, out: Map<string, string>): void {
  const entries = copy.type === "array" ? copy.items : [copy];
  for (const e of entries) {
    const name = e.type === "object" ? prop(e, "name") : undefined;
    if (name?.type === "string") out.set(name.value.toLowerCase(), name.value);
  }
}

/**
 * `name.toLowerCase()`, without a new string for a name already in lowercase ASCII (`location`): toLowerCase
 * makes one on every call, and templates read such names over and over.
 */
function lowercased(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return name.toLowerCase();
  }
  return name;
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
  return mayHaveFunctionBodies(site.scope) && site.inFunction;
}

const functionsKeys = new ScopeMemo<boolean>();

/**
 * Can an expression of `scope` be in a function body? Only when its template has a `functions` key: most
 * have none, and then no site's path (which `site.inFunction` walks to its root) needs a look. A key with
 * non-ASCII characters counts as a maybe (the model compares keys case-insensitively beyond ASCII too).
 */
export function mayHaveFunctionBodies(scope: TemplateScope): boolean {
  return functionsKeys.get(scope, hasFunctionsKey);
}

function hasFunctionsKey(scope: TemplateScope): boolean {
  return scope.json.properties.some((p) => isKey(p.key, "functions") || !isAscii(p.key));
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
