// Evaluation host over a template model: parameter binding across modules, variables, scopes, resource identities.
import type { JsonNode, JsonObject, JsonProperty, JsonString } from "../load/json.js";
import {
  createBudget,
  evaluateNode,
  isResourceType,
  buildId,
  looksLikeResourceId,
  newContext,
  OpenObject,
  touch,
  type Budget,
  type EvalContext,
  type EvalHost,
  type ScopeInfo,
  type Touch,
} from "../expressions/evaluate.js";
import type { Call } from "../expressions/ast.js";
import {
  ObjectValue,
  RefValue,
  Unknown,
  canonical,
  displayText,
  hasToken,
  isWholeToken,
  toStringValue,
  token,
  type Value,
} from "../expressions/values.js";
import { isNullableParameter, objProp, prop } from "../model/build.js";
import type { ResourceDecl, TemplateModel, TemplateScope, VariableDecl } from "../model/types.js";
import { detach } from "../text/detach.js";

/** Evaluation state of one template scope. */
export interface Frame {
  scope: TemplateScope;
  tag: string;
  parent: Frame | undefined;
  // The caches below are made on first store: an engine is made per file, and most frames never read
  // outputs, many no parameters or variables (three maps per scope were most of a small file's engine).
  params: Map<string, Cached> | undefined;
  vars: Map<string, Cached | "pending"> | undefined;
  outputs: Map<string, Cached | "pending"> | undefined;
  info: ScopeInfo | undefined;
  /** `scopePrefix` of `info`, made on first use: every top-level resource id of the scope starts with it. */
  prefix: string | undefined;
  /** The deployment's `parameters` entries by lowercase name, read once (see `binding`). */
  bindings: Map<string, JsonProperty> | undefined;
}

interface Cached {
  value: Value;
  /** Never changed once cached (many are NO_TOUCHES, shared). */
  touches: readonly Touch[];
  /** For a variable: the string of its declaration each touch was made in (see `EvalContext.origins`). */
  origins?: readonly (JsonString | undefined)[] | undefined;
  /** Root parameters with a parameters-file value that the value was computed from. */
  params?: readonly string[] | undefined;
  /** For a variable: does its value spell no id (see `spellsNoId`)? Found on first question. */
  spellsNoId?: boolean | undefined;
}

export interface Identity {
  /** Readable id with tokens. */
  id: string;
  /** Canonical (lowercased) id. */
  key: string;
  /** Name segments (tokens kept). */
  names: string[];
  /** Full name. */
  name: string;
}

export interface EngineProblem {
  kind: "variable-cycle" | "budget" | "output-cycle";
  message: string;
  scope: TemplateScope;
  node: JsonNode | undefined;
}

/** The touches of a cached value that touched nothing: one shared empty list, not one per parameter or variable. */
const NO_TOUCHES: readonly Touch[] = [];

/** Longest copy loop whose instances' names are evaluated one by one to find a name (ARM's own limit is 800). */
const MAX_NAMED_INSTANCES = 800;

/**
 * Adds a cached variable's touches to the reading context. A read of a literal path
 * (`variables('settings').nicIp.id`) takes only the touches made inside that part of the declaration
 * (and any made outside it, in a user function's body, say); a read of the whole value takes them all.
 * So a resource that reads `settings.subnetName` does not refer to every id elsewhere in `settings`.
 */
function replayTouches(cached: Cached, decl: VariableDecl | undefined, path: readonly (string | number)[] | undefined, ctx: EvalContext<Frame>): void {
  const out = ctx.touches;
  if (out === undefined) return;
  const origins = cached.origins;
  const part = path !== undefined && origins !== undefined && decl !== undefined && !decl.copy ? declarationPart(decl.value, path) : undefined;
  for (let i = 0; i < cached.touches.length; i++) {
    if (part !== undefined) {
      const origin = origins![i];
      if (origin !== undefined && within(origin, decl!.value) && !within(origin, part)) continue;
    }
    out.push(cached.touches[i]!);
    ctx.origins?.push(ctx.site);
  }
}

/** The node a literal path reads from a variable's declaration, as far as the JSON spells it; undefined for the whole value. */
function declarationPart(value: JsonNode, path: readonly (string | number)[]): JsonNode | undefined {
  let node = value;
  for (const segment of path) {
    let next: JsonNode | undefined;
    if (node.type === "object" && typeof segment === "string") {
      // As the evaluator's objects: keys match ignoring case and the last duplicate wins; `copy` makes other members.
      if (segment.toLowerCase() === "copy") break;
      next = prop(node, segment);
    } else if (node.type === "array" && typeof segment === "number") next = node.items[segment];
    if (next === undefined) break;
    node = next;
  }
  return node === value ? undefined : node;
}

/** Does the deployment give all its parameters in its own `parameters` object (none from a link or an expression)? */
function passesParametersInline(dep: ResourceDecl): boolean {
  const given = prop(dep.properties, "parameters");
  return (given === undefined || given.type === "object") && prop(dep.properties, "parametersLink") === undefined;
}

/** Longest walk of a variable's value looking for text that spells an id; past it the value may spell one. */
const MAX_INERT_WALK = 1000;
const PROVIDERS_TEXT = /(?:^|\/)providers\//i;
const MICROSOFT_TEXT = /^microsoft\./i;

/**
 * Can this text be (part of) a resource id: does it contain `/providers/`, start with `providers/` (the rest of
 * an id joined after a `/`: `concat(resourceGroup().id, '/', 'providers/...')`) or start with `microsoft.` (a
 * resource type), ignoring case as ARM does? An expression's literals (`mayTouchResources`) and a variable's
 * value (`spellsNoId`) are checked with it.
 */
export function spellsIdText(text: string): boolean {
  return PROVIDERS_TEXT.test(text) || MICROSOFT_TEXT.test(text);
}

/**
 * Does no string in the value (nor any object key) spell id text (`spellsIdText`)? A value without such text
 * can only help build an id from other parts, which are checked on their own. Opaque values are tokens, whose
 * slashes are escaped, as a parameter's are.
 */
function spellsNoId(v: Value): boolean {
  const stack: Value[] = [v];
  for (let budget = MAX_INERT_WALK; stack.length > 0; budget--) {
    if (budget === 0) return false;
    const x = stack.pop()!;
    if (typeof x === "string") {
      if (spellsIdText(x)) return false;
    } else if (Array.isArray(x)) {
      for (const item of x) stack.push(item);
    } else if (x instanceof ObjectValue) {
      for (const e of x.entries.values()) {
        stack.push(e.key);
        stack.push(e.value);
      }
    }
  }
  return true;
}

function within(node: JsonNode, container: JsonNode): boolean {
  return node.offset >= container.offset && node.offset < container.offset + container.length;
}

const SUB = token("subscription().subscriptionId");
const RG = token("resourceGroup().name");
const MG = token("managementGroup().name");

export class Engine implements EvalHost<Frame> {
  readonly frames: Frame[] = [];
  readonly budget: Budget;
  readonly problems: EngineProblem[] = [];
  // Tables made on first use (most stay unused on a small template, and an engine is made per file).
  /** Identities by resource index (a map: they are not computed in index order). */
  private readonly identities = new Map<number, Identity | "pending">();
  private resolved: Map<string, ResourceDecl[]> | undefined = undefined;
  private pending = 0;
  private byTypeIndex: Map<string, ResourceDecl[]> | undefined = undefined;
  private bySymbol: Map<TemplateScope, Map<string, ResourceDecl>> | undefined = undefined;
  /** Root parameters with a parameters-file value read so far (declared names): what findings may depend on. */
  readonly parametersRead = new Set<string>();
  private readonly readers: Set<string>[] = [];
  private identityParams: Map<number, readonly string[]> | undefined = undefined;

  /**
   * `parameterValues` (lowercase name → value, from a parameters file): the root template's parameters take
   * these values; without it (or for a name it lacks) a parameter stays a symbol, even with a default.
   */
  constructor(readonly model: TemplateModel, budget?: Budget, readonly parameterValues?: ReadonlyMap<string, Value>) {
    this.budget = budget ?? createBudget();
    this.budget.parsed = model.parsed;
    for (const scope of model.scopes) {
      const parentFrame = scope.parent ? this.frames[scope.parent.id] : undefined;
      this.frames.push({
        scope,
        tag: scope.parent === undefined ? "" : String(scope.id),
        parent: parentFrame,
        params: undefined,
        vars: undefined,
        outputs: undefined,
        info: undefined,
        prefix: undefined,
        bindings: undefined,
      });
    }
  }

  /** Declared resources by lowercase type. */
  private get byType(): Map<string, ResourceDecl[]> {
    if (this.byTypeIndex === undefined) {
      this.byTypeIndex = new Map();
      for (const r of this.model.resources) {
        const t = r.type.toLowerCase();
        const list = this.byTypeIndex.get(t);
        if (list) list.push(r);
        else this.byTypeIndex.set(t, [r]);
      }
    }
    return this.byTypeIndex;
  }

  /** A scope's resources by lowercase symbolic name. */
  private symbols(scope: TemplateScope): Map<string, ResourceDecl> {
    this.bySymbol ??= new Map();
    let syms = this.bySymbol.get(scope);
    if (syms === undefined) {
      syms = new Map();
      for (const r of scope.resources) {
        if (r.symbolicName !== undefined) syms.set(r.symbolicName.toLowerCase(), r);
      }
      this.bySymbol.set(scope, syms);
    }
    return syms;
  }

  /**
   * The resource a symbolic reference names: `storage`, or one element of a loop, `storage[2]` (Bicep
   * writes `reference(format('storage[{0}]', copyIndex()))` for a loop element).
   */
  private symbolNamed(text: string, scope: TemplateScope): ResourceDecl | undefined {
    const symbols = this.symbols(scope);
    const exact = symbols.get(text.toLowerCase());
    if (exact !== undefined) return exact;
    const bracket = text.indexOf("[");
    if (bracket <= 0 || !text.endsWith("]")) return undefined;
    const loop = symbols.get(text.slice(0, bracket).toLowerCase());
    return loop?.copy !== undefined ? loop : undefined;
  }

  frameOf(scope: TemplateScope): Frame {
    return this.frames[scope.id]!;
  }

  /** A fresh evaluation context for a resource (its copy loop in force). */
  contextFor(decl: ResourceDecl | undefined, scope: TemplateScope, touches?: Touch[]): EvalContext<Frame> {
    const ctx = newContext<Frame>(this, this.frameOf(scope), this.budget, touches);
    if (decl?.copy) {
      const loop = this.copyLoop(decl.index, decl.copy.name, scope);
      ctx.loops = loop.loops;
      ctx.currentLoop = loop.name;
    }
    return ctx;
  }

  /**
   * A copied resource's loop as its contexts see it (loop name → a symbolic index), made once per resource
   * and scope: every context of the resource (name, body, dependsOn, rules' reads) would make the same one,
   * and a context's loop map is never changed (a context with other loops copies it).
   */
  private copyLoop(index: number, copyName: string, scope: TemplateScope): { name: string; loops: ReadonlyMap<string, Value> } {
    const cached = this.copyLoops?.get(index);
    if (cached?.scope === scope) return cached;
    const name = copyName.toLowerCase();
    const loops = new Map<string, Value>([[name, new Unknown(`copyIndex('${copyName}')`, this.frameOf(scope).tag)]]);
    const loop = { scope, name, loops };
    (this.copyLoops ??= new Map()).set(index, loop);
    return loop;
  }

  private copyLoops: Map<number, { scope: TemplateScope; name: string; loops: ReadonlyMap<string, Value> }> | undefined = undefined;

  evaluate(node: JsonNode, decl: ResourceDecl | undefined, scope: TemplateScope, touches?: Touch[]): Value {
    return evaluateNode(node, this.contextFor(decl, scope, touches));
  }

  /** Evaluates `node` of a resource as instance `index` of the resource's own copy loop (its copyIndex() is `index`). */
  evaluateInstance(node: JsonNode, decl: ResourceDecl, index: number): Value {
    const ctx = this.contextFor(decl, decl.scope);
    if (decl.copy !== undefined) ctx.loops = new Map([[decl.copy.name.toLowerCase(), index]]);
    return evaluateNode(node, ctx);
  }

  // ---- EvalHost ----

  parameter(frame: Frame, name: string): Value | undefined {
    if (frame.scope.evaluation === "outer" && frame.parent) return this.parameter(frame.parent, name);
    const key = name.toLowerCase();
    const cached = frame.params?.get(key);
    if (cached) {
      this.noteReads(cached.params);
      return cached.value;
    }
    const decl = frame.scope.parameters.get(key);
    const dep = frame.scope.deployment;
    let value: Value | undefined;
    const reads = this.openReads();
    if (dep && frame.parent) {
      const bound = this.binding(frame, dep, key);
      if (bound?.value.type === "object") {
        const v = prop(bound.value, "value");
        if (v !== undefined) {
          const ctx = this.contextFor(dep, frame.parent.scope);
          ctx.depth = 1;
          value = evaluateNode(v, ctx);
          // ARM takes a null value as no value: the parameter's default applies.
          if (value === null && decl?.defaultValue !== undefined) value = evaluateNode(decl.defaultValue, newContext<Frame>(this, frame, this.budget));
        } else value = new Unknown(`parameters('${decl?.name ?? name}')`, frame.tag);
      } else if (decl?.defaultValue !== undefined) {
        value = evaluateNode(decl.defaultValue, newContext<Frame>(this, frame, this.budget));
      } else if (decl !== undefined && bound === undefined && isNullableParameter(decl) && passesParametersInline(dep)) {
        // A nullable parameter the module is not given is null (Bicep leaves out optional module parameters).
        value = null;
      }
    } else if (frame.parent === undefined && decl !== undefined && this.parameterValues?.has(key) === true) {
      value = this.parameterValues.get(key);
      this.noteReads([decl.name]);
    }
    const params = this.closeReads(reads);
    if (value === undefined) {
      if (decl === undefined) return undefined;
      value = new Unknown(`parameters('${decl.name}')`, frame.tag);
    }
    (frame.params ??= new Map()).set(key, { value, touches: NO_TOUCHES, params });
    return value;
  }

  /**
   * The entry of the deployment's `parameters` object for a (lowercase) parameter name: `propEntry` without a scan
   * per parameter (a module may bind hundreds). The last of duplicate keys wins, as there.
   */
  private binding(frame: Frame, dep: ResourceDecl, key: string): JsonProperty | undefined {
    if (frame.bindings === undefined) {
      frame.bindings = new Map();
      for (const p of objProp(dep.properties, "parameters")?.properties ?? []) {
        const k = p.key.toLowerCase();
        // `propEntry` compares lengths first: a key whose lowercase form is longer never matches.
        if (k.length === p.key.length) frame.bindings.set(k, p);
      }
    }
    return frame.bindings.get(key);
  }

  variable(frame: Frame, name: string, ctx: EvalContext<Frame>, path?: readonly (string | number)[]): Value | undefined {
    if (frame.scope.evaluation === "outer" && frame.parent) return this.variable(frame.parent, name, ctx, path);
    const key = name.toLowerCase();
    const cached = frame.vars?.get(key);
    if (cached === "pending") {
      this.problems.push({
        kind: "variable-cycle",
        message: `Variable '${name}' refers to itself (directly or through other variables).`,
        scope: frame.scope,
        node: frame.scope.variables.get(key)?.value,
      });
      return new Unknown(`variables('${name}')`, frame.tag);
    }
    if (cached) {
      if (ctx.touches) replayTouches(cached, frame.scope.variables.get(key), path, ctx);
      this.noteReads(cached.params);
      return cached.value;
    }
    const decl = frame.scope.variables.get(key);
    if (!decl) return undefined;
    if (ctx.depth >= this.budget.maxDepth) {
      this.budget.exhausted ??= "variables nested too deeply";
      return new Unknown(`variables('${decl.name}')`, frame.tag);
    }
    const vars = (frame.vars ??= new Map());
    vars.set(key, "pending");
    const touches: Touch[] = [];
    const origins: (JsonString | undefined)[] = [];
    const inner = newContext<Frame>(this, frame, this.budget, touches);
    inner.origins = origins;
    inner.depth = ctx.depth + 1;
    let value: Value;
    const reads = this.openReads();
    if (decl.copy && decl.value.type === "object") {
      value = this.variableCopy(decl.value, inner);
    } else value = evaluateNode(decl.value, inner);
    const some = touches.length > 0;
    const entry: Cached = { value, touches: some ? touches : NO_TOUCHES, origins: some ? origins : undefined, params: this.closeReads(reads) };
    vars.set(key, entry);
    if (ctx.touches) replayTouches(entry, decl, path, ctx);
    return value;
  }

  /**
   * Is variable `name`, as read from `frame`, already evaluated with no touches and a value that spells no id
   * (or not declared)? Reading it then adds nothing to a resource's uses. A variable not evaluated yet is not
   * evaluated here (that would change when its problems are met), and with parameters-file values every read
   * must be noted: both answer false.
   */
  isInertVariable(frame: Frame, name: string): boolean {
    if (frame.scope.evaluation === "outer" && frame.parent) return this.isInertVariable(frame.parent, name);
    if (this.parameterValues !== undefined && this.parameterValues.size > 0) return false;
    const key = name.toLowerCase();
    const cached = frame.vars?.get(key);
    if (cached === undefined) return !frame.scope.variables.has(key);
    if (cached === "pending" || cached.touches.length > 0) return false;
    return (cached.spellsNoId ??= spellsNoId(cached.value));
  }

  private variableCopy(entry: JsonObject, ctx: EvalContext<Frame>): Value {
    const name = prop(entry, "name");
    const loop = name?.type === "string" ? name.value : "";
    const countNode = prop(entry, "count");
    const input = prop(entry, "input");
    if (!input) return [];
    const count = countNode ? evaluateNode(countNode, ctx) : 0;
    const loops = new Map(ctx.loops ?? []);
    if (typeof count === "number" && count >= 0 && count <= 1000) {
      const out: Value[] = [];
      for (let i = 0; i < count; i++) {
        loops.set(loop.toLowerCase(), i);
        // `copyIndex()` without a name in `input` is this loop's index.
        out.push(evaluateNode(input, ctx.derive(ctx.frame, ctx.depth, new Map(loops), loop.toLowerCase(), ctx.functionParams)));
      }
      return out;
    }
    loops.set(loop.toLowerCase(), new Unknown(`copyIndex('${loop}')`, ctx.frame.tag));
    const item = evaluateNode(input, ctx.derive(ctx.frame, ctx.depth, loops, loop.toLowerCase(), ctx.functionParams));
    return new Unknown(`copy('${loop}', ${displayText(toStringValue(item)).slice(0, 200)})`, ctx.frame.tag);
  }

  userFunction(frame: Frame, namespace: string, name: string): { parameters: string[]; output: JsonNode | undefined; frame: Frame } | undefined {
    const key = `${namespace}.${name}`.toLowerCase();
    for (let f: Frame | undefined = frame; f; f = f.parent) {
      const fn = f.scope.functions.get(key);
      if (fn) return { parameters: fn.parameters, output: fn.output, frame: f };
      if (f.scope.evaluation === "inner") break;
    }
    return undefined;
  }

  scopeInfo(frame: Frame): ScopeInfo {
    if (frame.info) return frame.info;
    const scope = frame.scope;
    const dep = scope.deployment;
    let info: ScopeInfo;
    if (!dep || !frame.parent) {
      info = { targetScope: scope.targetScope, subscriptionId: SUB, resourceGroup: RG, managementGroup: MG };
    } else {
      const outer = this.scopeInfo(frame.parent);
      const ctx = this.contextFor(dep, frame.parent.scope);
      const sub = prop(dep.json, "subscriptionId");
      const rg = prop(dep.json, "resourceGroup");
      const sc = prop(dep.json, "scope");
      let subscriptionId = sub ? toStringValue(evaluateNode(sub, ctx)) : outer.subscriptionId;
      let resourceGroup = rg ? toStringValue(evaluateNode(rg, ctx)) : outer.resourceGroup;
      let managementGroup = outer.managementGroup;
      if (sc) {
        const s = toStringValue(evaluateNode(sc, ctx));
        const mg = /\/?providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(s) ?? /^Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(s);
        if (mg) managementGroup = mg[1]!;
        const subm = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?$/i.exec(s);
        if (subm) {
          subscriptionId = subm[1]!;
          if (subm[2] !== undefined) resourceGroup = subm[2];
        }
      }
      info = { targetScope: scope.targetScope, subscriptionId, resourceGroup, managementGroup };
    }
    frame.info = info;
    return info;
  }

  reference(frame: Frame, fn: string, target: Value, _args: Value[], ctx: EvalContext<Frame>, call: Call): Value {
    const lower = fn.toLowerCase();
    const kind = lower.startsWith("list") ? "list" : "reference";
    if (target instanceof RefValue || target instanceof Unknown) {
      const s = toStringValue(target);
      touch(ctx, kind, s, "id", undefined, call);
      return new RefValue(fn, s, [], undefined);
    }
    const s = toStringValue(target);
    let by: Touch["by"] = "id";
    let resolved: ResourceDecl | undefined;
    const scope = this.declScope(frame);
    if (looksLikeResourceId(s)) {
      resolved = this.resolveId(s)[0];
    } else if (scope.symbolic && (resolved = this.symbolNamed(s, scope)) !== undefined) {
      by = "symbol";
    } else if (!hasToken(s) || !isWholeToken(s)) {
      const rel = this.relativeId(s, frame);
      if (rel !== undefined) resolved = this.resolveId(rel)[0];
      else {
        const byName = this.resolveName(s, scope);
        if (byName.length > 0) {
          by = "name";
          resolved = byName[0];
        }
      }
    }
    touch(ctx, kind, s, by, resolved?.index, call);
    if (lower === "references") return new Unknown(`references(${displayText(s)})`);
    return new RefValue(fn, s, [], resolved?.index);
  }

  refMember(ref: RefValue, name: string, ctx: EvalContext<Frame>): Value {
    const next = ref.member(name);
    if (ref.resolved === undefined) return next;
    const decl = this.model.resources[ref.resolved];
    if (!decl?.isDeployment || !decl.innerScope) return next;
    const p = next.path;
    if (p.length === 3 && p[0]?.toLowerCase() === "outputs" && p[2]?.toLowerCase() === "value") {
      return this.output(this.frameOf(decl.innerScope), p[1]!, ctx) ?? next;
    }
    return next;
  }

  /** The value of a module output, evaluated in the module's scope. */
  output(frame: Frame, name: string, ctx: EvalContext<Frame>): Value | undefined {
    const key = name.toLowerCase();
    const cached = frame.outputs?.get(key);
    if (cached === "pending") return undefined;
    if (cached) {
      this.noteReads(cached.params);
      return cached.value;
    }
    const decl = frame.scope.outputs.get(key);
    if (decl?.value === undefined) return undefined;
    if (ctx.depth >= this.budget.maxDepth) return undefined;
    const outputs = (frame.outputs ??= new Map());
    outputs.set(key, "pending");
    const inner = newContext<Frame>(this, frame, this.budget);
    inner.depth = ctx.depth + 1;
    const reads = this.openReads();
    const value = evaluateNode(decl.value, inner);
    outputs.set(key, { value, touches: NO_TOUCHES, params: this.closeReads(reads) });
    return value;
  }

  copyIndex(frame: Frame, loopName: string | undefined, ctx: EvalContext<Frame>): Value {
    if (loopName !== undefined) return ctx.loops?.get(loopName.toLowerCase()) ?? new Unknown(`copyIndex('${loopName}')`, frame.tag);
    if (ctx.currentLoop !== undefined) return ctx.loops?.get(ctx.currentLoop) ?? new Unknown("copyIndex()", frame.tag);
    return new Unknown("copyIndex()", frame.tag);
  }

  deployment(frame: Frame): Value {
    const o = new OpenObject("deployment()");
    const dep = frame.scope.deployment;
    if (dep && frame.parent) {
      const id = this.identity(dep);
      o.set("name", id.name);
    }
    return o;
  }

  // ---- identities ----

  /** The scope whose symbols and names `dependsOn`/`reference` see from a frame. */
  private declScope(frame: Frame): TemplateScope {
    return frame.scope;
  }

  /** Resource id prefix of the template scope (where `resourceId()` puts resources). */
  scopePrefix(info: ScopeInfo): string {
    switch (info.targetScope) {
      case "resourceGroup":
        return `/subscriptions/${info.subscriptionId}/resourceGroups/${info.resourceGroup}`;
      case "subscription":
        return `/subscriptions/${info.subscriptionId}`;
      case "managementGroup":
        return `/providers/Microsoft.Management/managementGroups/${info.managementGroup}`;
      case "tenant":
        return "";
    }
  }

  /** `scopePrefix` of the frame's scope, made once per frame. */
  private framePrefix(frame: Frame): string {
    return (frame.prefix ??= this.scopePrefix(this.scopeInfo(frame)));
  }

  /** `Ns.X/type/name[/type/name]` relative to the frame's scope → full id; undefined if not that shape. */
  relativeId(s: string, frame: Frame): string | undefined {
    if (!isResourceType(s)) return undefined;
    // Segments counted, not split: three or more, an odd number (`Ns.X/type/name[/type/name]`).
    const slashes = countSlashes(s);
    if (slashes < 2 || slashes % 2 === 1) return undefined;
    return `${this.framePrefix(frame)}/providers/${s}`;
  }

  /** Identity of a declared resource (memoized; a cycle through names yields a token). */
  identity(decl: ResourceDecl): Identity {
    const cached = this.identities.get(decl.index);
    if (cached !== undefined && cached !== "pending") {
      this.noteReads(this.identityParams?.get(decl.index));
      return cached;
    }
    if (cached === "pending") {
      const t = token(`name(${decl.path})`, String(decl.scope.id));
      return { id: t, key: canonical(t), names: [t], name: t };
    }
    this.identities.set(decl.index, "pending");
    this.pending++;
    const reads = this.openReads();
    try {
      const id = this.computeIdentity(decl);
      this.identities.set(decl.index, id);
      return id;
    } finally {
      this.pending--;
      const params = this.closeReads(reads);
      if (params !== undefined) (this.identityParams ??= new Map()).set(decl.index, params);
    }
  }

  // ---- which parameters-file values an evaluation used ----

  /** Runs `fn` and reports the root parameters with parameters-file values it read (through variables, names, modules). */
  trackParameterReads<T>(fn: () => T): { value: T; parameters: string[] } {
    const reads = this.openReads();
    try {
      const value = fn();
      return { value, parameters: reads === undefined ? [] : [...reads] };
    } finally {
      this.closeReads(reads);
    }
  }

  /** Starts recording reads; undefined when nothing can be read (no parameters-file values). */
  private openReads(): Set<string> | undefined {
    if (this.parameterValues === undefined || this.parameterValues.size === 0) return undefined;
    const reads = new Set<string>();
    this.readers.push(reads);
    return reads;
  }

  private closeReads(reads: Set<string> | undefined): readonly string[] | undefined {
    if (reads === undefined) return undefined;
    const i = this.readers.lastIndexOf(reads);
    if (i >= 0) this.readers.splice(i, 1);
    return reads.size > 0 ? [...reads] : undefined;
  }

  private noteReads(names: readonly string[] | undefined): void {
    if (names === undefined) return;
    for (const name of names) {
      this.parametersRead.add(name);
      for (const reads of this.readers) reads.add(name);
    }
  }

  private computeIdentity(decl: ResourceDecl): Identity {
    const frame = this.frameOf(decl.scope);
    const ctx = this.contextFor(decl, decl.scope);
    let name = decl.nameNode ? toStringValue(evaluateNode(decl.nameNode, ctx)) : "";
    // Segments counted, not split: `depth` is the type's segments less one, `own` the name's segments.
    const depth = Math.max(1, countSlashes(decl.type));
    if (decl.parentDecl) {
      const own = countSlashes(name) + 1;
      if (own < depth) name = `${this.identity(decl.parentDecl).name}/${name}`;
    }
    const names = name.split("/");
    let prefix: string;
    const info = this.scopeInfo(frame);
    if (decl.scopeNode && !decl.isDeployment) {
      prefix = this.scopeToPrefix(toStringValue(evaluateNode(decl.scopeNode, ctx)), frame);
    } else if (decl.parentDecl && !decl.isDeployment) {
      prefix = this.prefixOf(this.identity(decl.parentDecl).id);
    } else {
      const sub = prop(decl.json, "subscriptionId");
      const rg = prop(decl.json, "resourceGroup");
      if (sub || rg) {
        const s = sub ? toStringValue(evaluateNode(sub, ctx)) : info.subscriptionId;
        const r = rg ? toStringValue(evaluateNode(rg, ctx)) : undefined;
        prefix = r !== undefined ? `/subscriptions/${s}/resourceGroups/${r}` : info.targetScope === "resourceGroup" && !decl.isDeployment ? `/subscriptions/${s}/resourceGroups/${info.resourceGroup}` : `/subscriptions/${s}`;
      } else if (decl.isDeployment && decl.scopeNode) {
        prefix = this.scopeToPrefix(toStringValue(evaluateNode(decl.scopeNode, ctx)), frame);
      } else prefix = this.framePrefix(frame);
    }
    const id = buildId(prefix, decl.type, names);
    return { id, key: canonical(id), names, name };
  }

  /** The part of an id before its last `/providers/` segment (the scope it lives in). */
  prefixOf(id: string): string {
    const i = id.toLowerCase().lastIndexOf("/providers/");
    return i < 0 ? "" : id.slice(0, i);
  }

  private scopeToPrefix(s: string, frame: Frame): string {
    const trimmed = s.endsWith("/") ? s.slice(0, -1) : s;
    if (trimmed.startsWith("/")) return trimmed;
    const rel = this.relativeId(trimmed, frame);
    if (rel !== undefined) return rel;
    return trimmed;
  }

  /** Declared resources whose identity matches an id (exact first, then with copy-index wildcards). */
  resolveId(id: string): ResourceDecl[] {
    // The same id text comes back often (a variable's ids are touched again by each resource that reads it):
    // answer it again without lowercasing it. Bounded: the texts are kept alive by this table.
    const again = this.resolvedText?.get(id);
    if (again !== undefined) return again;
    const key = canonical(id);
    const result = this.resolved?.get(key) ?? this.resolveIdUncached(id, key);
    // Identities still being computed (a name that reads a module output) may change the answer.
    if (this.pending === 0) {
      this.resolvedText ??= new Map();
      if (this.resolvedText.size >= 4096) this.resolvedText.clear();
      this.resolvedText.set(id, result);
    }
    return result;
  }

  private resolvedText: Map<string, ResourceDecl[]> | undefined = undefined;

  private resolveIdUncached(id: string, key: string): ResourceDecl[] {
    // Lowercasing that keeps the length keeps every offset: the key then spells the id's type, lowercased.
    const typeKey = key.length === id.length ? typeAfter(key, key.lastIndexOf("/providers/")) : idType(id)?.toLowerCase();
    if (typeKey === undefined) return this.remember(key, []);
    const candidates = this.byType.get(typeKey) ?? [];
    const index = this.idIndex(typeKey, candidates);
    if (index) {
      // An exact match is one lookup in the type's index: nothing to remember for it.
      const exact = index.exact.get(key);
      if (exact) return exact;
      // Copy-index tokens match loosely: only ids that carry one need the slow comparison.
      const pool = key.includes("copyindex(") ? candidates : index.loopy;
      return this.remember(key, pool.filter((c) => idsMatchLoosely(this.identity(c).key, key)));
    }
    const exact = candidates.filter((c) => this.identity(c).key === key);
    if (exact.length > 0) return this.remember(key, exact);
    return this.remember(key, candidates.filter((c) => idsMatchLoosely(this.identity(c).key, key)));
  }

  /** Caches an answer, unless identities still being computed may change it. */
  private remember(key: string, result: ResourceDecl[]): ResourceDecl[] {
    if (this.pending === 0) (this.resolved ??= new Map()).set(key, result);
    return result;
  }

  private idIndexes: Map<string, { exact: Map<string, ResourceDecl[]>; loopy: ResourceDecl[] }> | undefined = undefined;

  /** Declared resources of one type by canonical id, once every identity is known. */
  private idIndex(typeKey: string, candidates: ResourceDecl[]): { exact: Map<string, ResourceDecl[]>; loopy: ResourceDecl[] } | undefined {
    const cached = this.idIndexes?.get(typeKey);
    if (cached) return cached;
    if (this.pending > 0) return undefined;
    const exact = new Map<string, ResourceDecl[]>();
    const loopy: ResourceDecl[] = [];
    for (const c of candidates) {
      const k = this.identity(c).key;
      const list = exact.get(k);
      if (list) list.push(c);
      else exact.set(k, [c]);
      if (k.includes("copyindex(")) loopy.push(c);
    }
    // Computing identities above may not leave anything pending; only then is the index complete.
    if (this.pending > 0) return undefined;
    const index = { exact, loopy };
    (this.idIndexes ??= new Map()).set(typeKey, index);
    return index;
  }

  /** Resources of a scope called by name (full name, or copy loop name), as classic dependsOn/reference allow. */
  resolveName(name: string, scope: TemplateScope): ResourceDecl[] {
    const key = canonical(name);
    const out: ResourceDecl[] = [];
    const index = this.nameIndex(scope);
    if (index) {
      const hit = index.get(key);
      if (hit) return hit;
    } else for (const r of scope.resources) if (canonical(this.identity(r).name) === key) out.push(r);
    if (out.length > 0) return out;
    for (const r of scope.resources) if (r.copy && canonical(r.copy.name) === key) out.push(r);
    if (out.length > 0) return out;
    // A nested child may be named by its own (short) name.
    for (const r of scope.resources) if (r.parentDecl && canonical(this.identity(r).names.at(-1) ?? "") === key) out.push(r);
    if (out.length > 0) return out;
    for (const r of scope.resources) if (idsMatchLoosely(canonical(this.identity(r).name), key)) out.push(r);
    if (out.length > 0) return out;
    // ARM also accepts the last name segment of a top-level child when it names one resource.
    if (!key.includes("/")) {
      for (const r of scope.resources) if (this.identity(r).names.length > 1 && canonical(this.identity(r).names.at(-1) ?? "") === key) out.push(r);
      if (out.length > 1) return [];
      if (out.length > 0) return out;
    }
    // One instance of a copy loop whose count and names are known (`variables('runbooks')[copyIndex()].name`).
    for (const r of scope.resources) if (r.copy !== undefined && this.hasInstanceNamed(r, key)) out.push(r);
    return out.length > 1 ? [] : out;
  }

  /** Does one instance of a (top-level) copy loop have this canonical name, or this last name segment? */
  private hasInstanceNamed(decl: ResourceDecl, key: string): boolean {
    if (decl.parentDecl !== undefined || decl.nameNode === undefined || decl.copy?.count === undefined) return false;
    const count = this.evaluate(decl.copy.count, undefined, decl.scope);
    if (typeof count !== "number" || count > MAX_NAMED_INSTANCES) return false;
    for (let i = 0; i < count; i++) {
      const name = this.evaluateInstance(decl.nameNode, decl, i);
      if (typeof name !== "string") return false;
      // The account part of `{parameters('account')}/Bootstrap_Main` may be symbolic; the last segment must not be.
      const last = name.slice(name.lastIndexOf("/") + 1);
      if (hasToken(last)) return false;
      if (key.includes("/") ? !hasToken(name) && name.toLowerCase() === key : last.toLowerCase() === key) return true;
    }
    return false;
  }

  private nameIndexes: Map<TemplateScope, Map<string, ResourceDecl[]>> | undefined = undefined;

  /** Resources of a scope by canonical full name, once every identity is known. */
  private nameIndex(scope: TemplateScope): Map<string, ResourceDecl[]> | undefined {
    const cached = this.nameIndexes?.get(scope);
    if (cached) return cached;
    if (this.pending > 0) return undefined;
    const index = new Map<string, ResourceDecl[]>();
    for (const r of scope.resources) {
      const k = canonical(this.identity(r).name);
      const list = index.get(k);
      if (list) list.push(r);
      else index.set(k, [r]);
    }
    (this.nameIndexes ??= new Map()).set(scope, index);
    return index;
  }

  resolveSymbol(sym: string, scope: TemplateScope): ResourceDecl | undefined {
    return this.symbols(scope).get(sym.toLowerCase());
  }
}

function countSlashes(s: string): number {
  let n = 0;
  for (let i = s.indexOf("/"); i !== -1; i = s.indexOf("/", i + 1)) n++;
  return n;
}

/** The resource type of an id (`Ns/t1/t2` from `.../providers/Ns/t1/n1/t2/n2`). */
export function idType(id: string): string | undefined {
  return typeAfter(id, id.toLowerCase().lastIndexOf("/providers/"));
}

/** The resource type spelled by an id's segments after the `/providers/` at offset `i`. */
function typeAfter(id: string, i: number): string | undefined {
  if (i < 0) return undefined;
  // The segments after `/providers/` are `Ns/t1/n1/t2/n2...`: the namespace and every odd segment, joined
  // with `/`; at least three segments. Walked by slash positions, with no array of segments.
  const start = i + 11;
  let type = "";
  let segStart = start;
  let seg = 0;
  for (;;) {
    const slash = id.indexOf("/", segStart);
    const end = slash === -1 ? id.length : slash;
    if (seg === 0) type = id.slice(segStart, end);
    else if (seg % 2 === 1) type += `/${id.slice(segStart, end)}`;
    seg++;
    if (slash === -1) break;
    segStart = slash + 1;
  }
  return seg < 3 ? undefined : type;
}

/** Compare canonical ids segment by segment, letting copy-index tokens stand for any text. */
export function idsMatchLoosely(a: string, b: string): boolean {
  if (!a.includes("copyindex(") && !b.includes("copyindex(")) return false;
  const sa = a.split("/");
  const sb = b.split("/");
  if (sa.length !== sb.length) return false;
  for (let i = 0; i < sa.length; i++) {
    const x = sa[i]!;
    const y = sb[i]!;
    if (x === y) continue;
    if (!segmentMatches(x, y) && !segmentMatches(y, x)) return false;
  }
  return true;
}

/**
 * Split a segment into literal parts around top-level tokens that involve a copy index, and say
 * what each stands for: a bare index (or index arithmetic) is a number; anything else built from
 * the index (an array element, a formatted value) is some non-empty text.
 */
function wildcardParts(segment: string): { parts: string[]; kinds: ("number" | "text")[] } | undefined {
  const parts: string[] = [];
  const kinds: ("number" | "text")[] = [];
  let lit = "";
  let depth = 0;
  let tok = "";
  let found = false;
  for (const ch of segment) {
    if (ch === "\uE000") {
      depth++;
      tok += ch;
    } else if (ch === "\uE001" && depth > 0) {
      depth--;
      tok += ch;
      if (depth === 0) {
        if (tok.includes("copyindex(")) {
          parts.push(lit);
          kinds.push(/^\uE000(?:copyindex\([^\uE000\uE001]*\uE001|(?:add|sub|mul)\(\uE000copyindex\([^\uE000\uE001]*\uE001, -?\d+\)\uE001)$/.test(tok) ? "number" : "text");
          lit = "";
          found = true;
        } else lit += tok;
        tok = "";
      }
    } else if (depth > 0) tok += ch;
    else lit += ch;
  }
  parts.push(lit + tok);
  return found ? { parts, kinds } : undefined;
}

const patternCache = new Map<string, Wildcards | null>();

type Wildcards = NonNullable<ReturnType<typeof wildcardParts>>;

function segmentMatches(pattern: string, text: string): boolean {
  let w = patternCache.get(pattern);
  if (w === undefined) {
    w = wildcardParts(pattern) ?? null;
    if (patternCache.size > 10_000) patternCache.clear();
    // Kept across files: a copy, not a slice holding on to this file's text (the parts are split from it).
    patternCache.set(detach(pattern), w);
  }
  return w !== null && matchesWildcards(w, text);
}

/**
 * Whether `text` is the literal parts with each wildcard standing for a number (`\d+`, or one whole
 * `\uE000…\uE001` token) or for any non-empty text. Both sides come from templates, so this tracks the set
 * of positions the pattern can have reached instead of backtracking (a regular expression with several
 * `.+` is polynomial in the text: a tiny template could hang it): O(text length × wildcards).
 */
function matchesWildcards(w: Wildcards, text: string): boolean {
  const n = text.length;
  const first = w.parts[0] ?? "";
  if (!text.startsWith(first)) return false;
  let reached = new Uint8Array(n + 1);
  reached[first.length] = 1;
  for (let i = 1; i < w.parts.length; i++) {
    const number = w.kinds[i - 1] === "number";
    // ends[q]: some reached position p < q can be followed by a wildcard covering text[p, q).
    const ends = new Uint8Array(n + 1);
    let anyBefore = false;
    let digitsRun = false;
    let tokenOpen = false;
    for (let q = 1; q <= n; q++) {
      const c = text.charCodeAt(q - 1);
      if (number) {
        digitsRun = c >= 48 && c <= 57 && (reached[q - 1] === 1 || digitsRun);
        if (digitsRun || (tokenOpen && c === 0xe001)) ends[q] = 1;
        if (reached[q - 1] === 1 && c === 0xe000) tokenOpen = true;
      } else {
        if (reached[q - 1] === 1) anyBefore = true;
        if (anyBefore) ends[q] = 1;
      }
    }
    const literal = w.parts[i]!;
    const next = new Uint8Array(n + 1);
    if (literal === "") next.set(ends);
    else for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) if (ends[at] === 1) next[at + literal.length] = 1;
    reached = next;
  }
  return reached[n] === 1;
}
