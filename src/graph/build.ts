// Dependency graph builder: nodes per resource/deployment, explicit, implicit and containment edges, uses.
// Indexed loops throughout: most of this runs once per file or per resource, unoptimized, where for...of
// allocates an iterator and a result per item (a few MB over the corpus).
/* eslint-disable @typescript-eslint/prefer-for-of */
import { keyStringNode, type JsonNode, type JsonString } from "../load/json.js";
import type { Call, Expr } from "../expressions/ast.js";
import { classifyString, isExpressionString } from "../expressions/parser.js";
import { evaluateExpr, evaluateNode, functionKey, looksLikeResourceId, parsedExpression, type EvalContext, type Touch } from "../expressions/evaluate.js";
import { RefValue, Unknown, ObjectValue, displayText, hasToken, isWholeToken, toStringValue, canonical, type Value } from "../expressions/values.js";
import type { ResourceDecl, TemplateModel, TemplateScope } from "../model/types.js";
import { Engine, idType, spellsIdText, type Frame, type Identity } from "./engine.js";
import type { DanglingDependency, DependencyGraph, Edge, EdgeKind, GraphNode, Use, UseKind } from "./types.js";
import { GraphQueries } from "./queries.js";

const SKIP_BODY_KEYS = new Set(["type", "apiversion", "dependson", "copy", "comments", "resources", "existing", "metadata"]);

export interface BuiltGraph {
  graph: DependencyGraph;
  engine: Engine;
}

/** Build the dependency graph of a template model. */
export function buildGraph(model: TemplateModel, engine: Engine = new Engine(model)): BuiltGraph {
  const nodes: GraphNode[] = [];
  const resources: GraphNode[] = [];
  // Nodes by resource index and by scope id: arrays, not maps (a graph is built per file, most of them small).
  const byDecl: GraphNode[] = [];
  // One slot per scope from the start (scope ids index `model.scopes`): reads by scope id stay in bounds (an
  // out-of-bounds read deoptimized buildGraph and scopeNodes).
  const byScope = new Array<GraphNode[] | undefined>(model.scopes.length).fill(undefined);
  const dangling: DanglingDependency[] = [];
  const identities: Identity[] = [];

  const decls = model.resources;
  for (let d = 0; d < decls.length; d++) {
    const decl = decls[d]!;
    const ident = engine.identity(decl);
    identities.push(ident);
    const node = graphNode(nodes.length, decl.isDeployment ? "deployment" : "resource", decl, ident);
    node.conditional = decl.condition !== undefined && !(decl.condition.type === "boolean" && decl.condition.value);
    if (decl.copy) {
      const c = decl.copy.count ? engine.evaluate(decl.copy.count, undefined, decl.scope) : 0;
      node.copy = { name: decl.copy.name, count: typeof c === "number" ? c : displayText(toStringValue(c)) };
    }
    nodes.push(node);
    resources.push(node);
    byDecl[decl.index] = node;
    const list = byScope[decl.scope.id];
    if (list) list.push(node);
    else byScope[decl.scope.id] = [node];
  }
  // Start nodes for deployments, and the enclosing deployment of every node.
  for (let r = 0; r < resources.length; r++) {
    const node = resources[r]!;
    if (node.kind === "deployment") {
      // The deployment's fields as they are now (its enclosing deployment is set below), as its own node.
      const start = graphNode(nodes.length, "deployment-start", node.decl, identities[node.id]!);
      start.conditional = node.conditional;
      start.copy = node.copy;
      start.owner = node;
      nodes.push(start);
      node.start = start;
    }
    const dep = node.decl.scope.deployment;
    node.deployment = dep ? byDecl[dep.index] : undefined;
  }

  const addEdge = (from: GraphNode, to: GraphNode, kind: EdgeKind, file: string, span: { offset: number; length: number }, label: string): void => {
    if (from === to) {
      // A self-dependency is a cycle of one; keep it so the cycle rule sees it.
      if (kind !== "explicit") return;
    }
    // contains/inherits edges are unique by construction; other kinds are few per node.
    if (kind === "explicit" || kind === "implicit") {
      const out = from.out;
      for (let i = 0; i < out.length; i++) if (out[i]!.to === to && out[i]!.kind === kind) return;
    }
    const edge: Edge = { from, to, kind, file, span, label };
    from.out.push(edge);
    to.in.push(edge);
  };
  const waitNode = (n: GraphNode): GraphNode => n.start ?? n;

  // Containment.
  for (let r = 0; r < resources.length; r++) {
    const node = resources[r]!;
    if (node.kind !== "deployment") continue;
    const start = node.start!;
    const span = { offset: node.decl.json.offset, length: 1 };
    // The deployment ends after it starts, whether or not its template could be loaded.
    addEdge(node, start, "contains", node.decl.scope.file, span, "deployment");
    if (!node.decl.innerScope) continue;
    const inners = byScope[node.decl.innerScope.id];
    if (inners === undefined) continue;
    for (let i = 0; i < inners.length; i++) {
      const inner = inners[i]!;
      addEdge(node, inner, "contains", node.decl.scope.file, span, "contains");
      addEdge(waitNode(inner), start, "inherits", node.decl.scope.file, span, "inside");
    }
  }

  // Explicit dependsOn.
  for (let r = 0; r < resources.length; r++) {
    const node = resources[r]!;
    const decl = node.decl;
    for (let e = 0; e < decl.dependsOn.length; e++) {
      const entry = decl.dependsOn[e]!;
      const targets = resolveDependsOn(entry, decl, engine);
      if (targets.kind === "opaque") continue;
      if (targets.kind === "none") {
        dangling.push({ from: node, file: decl.scope.file, span: { offset: entry.offset, length: entry.length }, text: targets.text, reason: targets.reason });
        continue;
      }
      // One span for the entry's edges (an edge keeps its span; none changes it).
      let span: { offset: number; length: number } | undefined;
      for (let t = 0; t < targets.decls.length; t++) {
        const target = byDecl[targets.decls[t]!.index]!;
        // An instance of a loop waiting for another instance of the same loop is not a cycle.
        if (target === node && node.copy) continue;
        span ??= { offset: entry.offset, length: entry.length };
        addEdge(waitNode(node), target, "explicit", decl.scope.file, span, entry.type === "string" ? entry.value : "");
      }
    }
  }

  // Uses and implicit edges.
  for (let r = 0; r < resources.length; r++) collectUses(resources[r]!, engine, byDecl, addEdge, waitNode);
  // Parent uses: a child's name segments name its parent.
  for (let r = 0; r < resources.length; r++) {
    const node = resources[r]!;
    const parentId = parentIdentity(node.identity);
    if (parentId === undefined) continue;
    const parents = engine.resolveId(parentId);
    for (let i = 0; i < parents.length; i++) {
      const target = byDecl[parents[i]!.index]!;
      if (target === node) continue;
      // The parent's readable name: its node renders it once (identities are all known by now).
      node.uses.push({ target, kind: "parent", file: node.decl.scope.file, span: spanOf(node.decl.nameNode ?? node.decl.json), text: target.displayName });
    }
  }

  const queries = new GraphQueries(nodes);
  const graph: DependencyGraph = {
    nodes,
    resources,
    nodeOf: (decl: ResourceDecl) => byDecl[decl.index]!,
    scopeNodes: (scope: TemplateScope) => (model.scopes[scope.id] === scope ? byScope[scope.id] : undefined) ?? [],
    dangling,
    reaches: (a, b) => queries.reaches(a, b),
    path: (a, b) => queries.path(a, b),
    cycles: () => queries.cycles(),
    waves: () => queries.waves(),
    findById: (id: string) => engine.resolveId(id).map((d) => byDecl[d.index]!),
  };
  return { graph, engine };
}

/**
 * A node with no edges yet. Its readable id and name, and its canonical name segments, are made on first
 * read: most are only read for a finding's message (segments by one rule, for a few types), and making
 * every one costs a tenth of the graph's allocation on big templates.
 */
function graphNode(id: number, kind: GraphNode["kind"], decl: ResourceDecl, ident: Identity): GraphNode {
  return new LazyNode(id, kind, decl, ident);
}

class LazyNode implements GraphNode {
  identity: string;
  type: string;
  deployment: GraphNode | undefined = undefined;
  start: GraphNode | undefined = undefined;
  owner: GraphNode | undefined = undefined;
  existing: boolean;
  conditional = false;
  copy: GraphNode["copy"] = undefined;
  out: Edge[] = [];
  in: Edge[] = [];
  uses: Use[] = [];
  private shownId: string | undefined = undefined;
  private shownName: string | undefined = undefined;
  private segments: string[] | undefined = undefined;

  constructor(
    public id: number,
    public kind: GraphNode["kind"],
    public decl: ResourceDecl,
    private readonly ident: Identity,
  ) {
    this.identity = ident.key;
    this.type = decl.type;
    this.existing = decl.existing;
  }

  get displayId(): string {
    return (this.shownId ??= displayText(this.ident.id));
  }

  set displayId(v: string) {
    this.shownId = v;
  }

  get displayName(): string {
    return (this.shownName ??= displayText(this.ident.name));
  }

  set displayName(v: string) {
    this.shownName = v;
  }

  get nameSegments(): string[] {
    return (this.segments ??= this.ident.names.map(canonical));
  }

  set nameSegments(v: string[]) {
    this.segments = v;
  }
}

function spanOf(node: JsonNode): { offset: number; length: number } {
  return { offset: node.offset, length: node.length };
}

/** Identity of the parent of a child resource id (`.../t1/n1/t2/n2` → `.../t1/n1`), if it has one. */
export function parentIdentity(id: string): string | undefined {
  const i = id.lastIndexOf("/providers/");
  if (i < 0) return undefined;
  // Five or more segments after `/providers/` (four slashes): the parent ends before the second-last slash.
  let cut = -1;
  for (let slashes = 1, j = id.length; slashes <= 4; slashes++) {
    j = id.lastIndexOf("/", j - 1);
    if (j <= i + 10) return undefined;
    if (slashes === 2) cut = j;
  }
  return id.slice(0, cut);
}

/**
 * What a dependsOn entry resolves to. Every kind has the same fields in the same order (those that do not apply
 * are undefined): one shape, so `buildGraph`, optimized on entries of one kind, is not deoptimized ("wrong
 * map") by the first entry of another.
 */
type Resolution =
  | { kind: "found"; decls: ResourceDecl[]; text: undefined; reason: undefined }
  | { kind: "none"; decls: undefined; text: string; reason: string }
  | { kind: "opaque"; decls: undefined; text: undefined; reason: undefined };

const OPAQUE: Resolution = { kind: "opaque", decls: undefined, text: undefined, reason: undefined };

function unresolved(text: string, reason: string): Resolution {
  return { kind: "none", decls: undefined, text, reason };
}

/** Resolve one dependsOn entry to declared resources of the same template. */
export function resolveDependsOn(entry: JsonNode, decl: ResourceDecl, engine: Engine): Resolution {
  if (entry.type !== "string") return unresolved(JSON.stringify((entry as { value?: unknown }).value ?? entry.type), "is not a string");
  const cls = classifyString(entry.value);
  const acc: DependsOnTargets = { found: undefined, unresolved: undefined };
  if (cls.kind === "literal") addDependencyTargets(cls.value, decl, engine, acc);
  else {
    // The model parsed every expression string already: its parse is found again, not made again.
    const parsed = parsedExpression(entry, engine.model.parsed);
    if (!parsed.ok) return OPAQUE;
    const ctx = engine.contextFor(decl, decl.scope);
    ctx.site = entry;
    evaluateBranches(parsed.expr, ctx, decl, engine, acc);
  }
  if (acc.found !== undefined) return { kind: "found", decls: acc.found, text: undefined, reason: undefined };
  if (acc.unresolved !== undefined) return unresolved(displayText(acc.unresolved), "names no resource, module or copy loop of this template");
  return OPAQUE;
}

/** What a dependsOn entry's values named so far: the resources found, and the last text that named none. */
interface DependsOnTargets {
  found: ResourceDecl[] | undefined;
  unresolved: string | undefined;
}

/** `if(c, a, b)` in dependsOn: both branches can be the entry. */
function isIf(expr: Expr): expr is Call {
  return expr.kind === "call" && expr.args.length === 3 && expr.name.toLowerCase() === "if";
}

/** Every branch's value, left first, each evaluated before any is resolved (as for one value). */
function evaluateBranches(expr: Expr, ctx: EvalContext<Frame>, decl: ResourceDecl, engine: Engine, acc: DependsOnTargets): void {
  if (!isIf(expr)) {
    addDependencyTargets(evaluateExpr(expr, ctx), decl, engine, acc);
    return;
  }
  const values: Value[] = [];
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (isIf(e)) pending.push(e.args[2]!, e.args[1]!);
    else values.push(evaluateExpr(e, ctx));
  }
  for (let i = 0; i < values.length; i++) addDependencyTargets(values[i]!, decl, engine, acc);
}

function addDependencyTargets(v: Value, decl: ResourceDecl, engine: Engine, acc: DependsOnTargets): void {
  if (v instanceof RefValue) return;
  const s = toStringValue(v);
  if (s === "") return;
  const r = resolveDependencyText(s, decl, engine);
  // A copy: `r` may be the engine's cached answer.
  if (r.length > 0) {
    if (acc.found === undefined) acc.found = r.slice();
    else for (let i = 0; i < r.length; i++) acc.found.push(r[i]!);
  }
  // A wholly symbolic entry (`[parameters('vnetName')]`) that names no resource here may name anything: not reported.
  else if (!(v instanceof Unknown) && !(hasToken(s) && isWholeToken(s))) acc.unresolved = s;
}

/**
 * `name` of a `name[index]` dependsOn entry (a copy loop's element), like `/^(.+?)\[(.*)\]$/` without its
 * backtracking over entries with many `[` (the text is the template's): the text before the first `[` after
 * the first character, when the entry ends with `]` and has no line break.
 */
function symbolicHead(s: string): string | undefined {
  if (!s.endsWith("]") || /[\n\r\u2028\u2029]/.test(s)) return undefined;
  const open = s.indexOf("[", 1);
  return open === -1 || open > s.length - 2 ? undefined : s.slice(0, open);
}

function resolveDependencyText(s: string, decl: ResourceDecl, engine: Engine): ResourceDecl[] {
  const scope = decl.scope;
  if (scope.symbolic) {
    const sym = engine.resolveSymbol(symbolicHead(s) ?? s, scope);
    if (sym) return [sym];
  }
  let id: string | undefined;
  if (looksLikeResourceId(s)) id = s;
  else id = engine.relativeId(s, engine.frameOf(scope));
  if (id !== undefined) {
    const found = engine.resolveId(id).filter((d) => d.scope === scope);
    if (found.length > 0) return found;
    // The same type and name under a scope written with other symbols (e.g. a resource group
    // parameter whose default is this resource group) may be this template's resource.
    const prefix = engine.prefixOf(id);
    if (hasToken(prefix)) {
      const tail = canonical(id.slice(prefix.length));
      const same = scope.resources.filter((r) => {
        const rid = engine.identity(r);
        const rp = engine.prefixOf(rid.id);
        return canonical(rid.id.slice(rp.length)) === tail;
      });
      if (same.length > 0) return same;
    }
    // Bicep's cross-scope module ids (a deployment in another resource group) still name this template's deployment.
    if (idType(id)?.toLowerCase() === "microsoft.resources/deployments") {
      const name = id.slice(id.lastIndexOf("/") + 1);
      const byName = scope.resources.filter((r) => r.isDeployment && canonical(engine.identity(r).name) === canonical(name));
      if (byName.length > 0) return byName;
    }
    return [];
  }
  return engine.resolveName(s, scope);
}

type AddEdge = (from: GraphNode, to: GraphNode, kind: EdgeKind, file: string, span: { offset: number; length: number }, label: string) => void;

function collectUses(node: GraphNode, engine: Engine, byDecl: readonly GraphNode[], addEdge: AddEdge, waitNode: (n: GraphNode) => GraphNode): void {
  const decl = node.decl;
  const file = decl.scope.file;
  const touches: Touch[] = [];
  // The string of this resource whose evaluation made each touch (`touches[i]` was made reading `readers[i]`).
  const readers: JsonString[] = [];
  const stringsWithIds: { site: JsonNode; value: string }[] = [];
  // One evaluation context for the whole body (evaluation never changes it but for its site, set per string).
  const ctx = engine.contextFor(decl, decl.scope, touches);
  const uses: UseCollection = { ctx, engine, strings: stringsWithIds, touches, readers };
  const props = decl.json.properties;
  for (let i = 0; i < props.length; i++) {
    const p = props[i]!;
    const key = p.key.toLowerCase();
    if (SKIP_BODY_KEYS.has(key)) continue;
    if (key === "name") continue;
    if (key === "properties" && decl.isDeployment && p.value.type === "object") {
      const inner = p.value.properties;
      for (let j = 0; j < inner.length; j++) {
        const q = inner[j]!;
        if (q.key.toLowerCase() === "template") continue;
        evaluateForUses(q.value, uses);
      }
      continue;
    }
    const kind: UseKind = key === "scope" ? "scope" : "resourceId";
    const before = touches.length;
    const stringsBefore = stringsWithIds.length;
    evaluateForUses(p.value, uses);
    if (key === "tags") {
      // Tags are text: an id in one (App Insights' `hidden-link:` tag names its web app) needs nothing deployed.
      // Reading a resource there (reference(), list*()) still does.
      stringsWithIds.length = stringsBefore;
      let kept = before;
      for (let i = before; i < touches.length; i++) {
        if (touches[i]!.kind === "resourceId") continue;
        readers[kept] = readers[i]!;
        touches[kept++] = touches[i]!;
      }
      touches.length = kept;
      readers.length = kept;
    }
    if (kind === "scope") {
      // The scope's id is what the extension resource attaches to.
      const v = engine.evaluate(p.value, decl, decl.scope);
      const s = toStringValue(v);
      const id = looksLikeResourceId(s) ? s : engine.relativeId(s.endsWith("/") ? s.slice(0, -1) : s, engine.frameOf(decl.scope));
      if (id !== undefined) addUses(node, id, "scope", file, p.value, s, 0, -1, engine, byDecl);
      touches.length = before;
      readers.length = before;
    }
  }
  for (let i = 0; i < touches.length; i++) {
    const t = touches[i]!;
    const site = t.site;
    // A use is placed at the resource's own string that made it: a touch made inside a variable's declaration
    // (or a user function's body) is shown with its text there, at the property of this resource that reads it.
    const at = readers[i] ?? site;
    if (t.kind === "resourceId") {
      if (site) addUses(node, t.target, "resourceId", file, at!, site.value, t.start, t.end, engine, byDecl);
      else addUses(node, t.target, "resourceId", file, decl.json, t.target, 0, -1, engine, byDecl);
      continue;
    }
    const targets: readonly ResourceDecl[] =
      t.resolved !== undefined ? [engine.model.resources[t.resolved]!] : looksLikeResourceId(t.target) ? engine.resolveId(t.target) : [];
    // Span and text are made for the first use: most touches name no other resource of the template.
    let span: { offset: number; length: number } | undefined;
    let text = "";
    for (let j = 0; j < targets.length; j++) {
      const target = byDecl[targets[j]!.index]!;
      if (target === node) continue;
      if (span === undefined) {
        span = site ? spanOf(at!) : spanOf(decl.json);
        text = site ? site.value.slice(t.start, t.end) : displayText(t.target);
      }
      const kind: UseKind = t.kind === "list" ? "list" : "reference";
      if (!hasUse(node, target, span.offset, kind)) node.uses.push({ target, kind, file, span, text });
      if (t.by !== "id") addEdge(waitNode(node), target, "implicit", file, span, text);
    }
  }
  for (let i = 0; i < stringsWithIds.length; i++) {
    const s = stringsWithIds[i]!;
    addUses(node, s.value, "resourceId", file, s.site, s.value, 0, -1, engine, byDecl);
  }
}

/** What the use pass of one resource gathers: touches (with the string of the resource read for each) and id strings. */
interface UseCollection {
  ctx: EvalContext<Frame>;
  engine: Engine;
  strings: { site: JsonNode; value: string }[];
  touches: Touch[];
  readers: JsonString[];
}

function evaluateForUses(value: JsonNode, uses: UseCollection): void {
  const { ctx, engine, strings, touches, readers } = uses;
  // Each expression string is evaluated on its own so every touch keeps its site.
  const stack: JsonNode[] = [value];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === "object") {
      const props = n.properties;
      for (let i = 0; i < props.length; i++) {
        const p = props[i]!;
        stack.push(p.value);
        // ARM evaluates keys that are expressions: `"userAssignedIdentities": { "[resourceId(...)]": {} }` uses the identity.
        // The key is evaluated as a string node, so its uses have a site and a position as any string's do.
        if (p.key.length > 0 && p.key.charCodeAt(0) === 91 && isExpressionString(p.key)) stack.push(keyStringNode(p));
      }
    }
    else if (n.type === "array") for (let i = 0; i < n.items.length; i++) stack.push(n.items[i]!);
    else if (n.type === "string") {
      const s = n.value;
      if (s.length > 1 && s.charCodeAt(0) === 91) {
        const parsed = parsedExpression(n, engine.model.parsed);
        if (parsed.ok && !mayTouchResources(parsed.expr, engine, ctx.frame)) continue;
        ctx.site = n;
        const before = touches.length;
        const v = evaluateNode(n, ctx);
        for (let i = before; i < touches.length; i++) readers[i] = n;
        collectIdStrings(v, n, strings);
      } else if (looksLikeResourceId(s)) strings.push({ site: n, value: s });
    }
  }
}

const TOUCHING_CALLS = new Set(["resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid", "managementgroupresourceid", "reference", "references", "variables"]);

/**
 * Can evaluating this expression name a resource? Only calls that build ids or read resources,
 * variables (which may hold either), user functions, and literals that spell an id can. Parameters
 * alone cannot: at the root they are symbols, and in a module the caller's own use is reported.
 * Given the engine and the frame the expression is read in, a variable already evaluated that touched
 * nothing and spells no id (`Engine.isInertVariable`) cannot either: most expressions of a big template
 * read only such variables and parameters.
 */
export function mayTouchResources(expr: Expr, engine?: Engine, frame?: Frame): boolean {
  // This runs on every expression of every resource body: one work stack serves every call, never
  // shrunk (its slots are cleared on the way out so it keeps no expression alive).
  const stack = touchStack;
  let top = 0;
  let high = 1;
  stack[top++] = expr;
  try {
    while (top > 0) {
      const e = stack[--top]!;
      switch (e.kind) {
        case "string":
          if (spellsIdText(e.value)) return true;
          break;
        case "number":
          break;
        case "member":
          stack[top++] = e.object;
          break;
        case "index":
          stack[top++] = e.object;
          stack[top++] = e.index;
          break;
        case "call": {
          if (e.namespace !== undefined) return true;
          const n = functionKey(e.name);
          if (n === "variables" && frame !== undefined && isInertRead(e, engine!, frame)) break;
          if (TOUCHING_CALLS.has(n) || n.startsWith("list")) return true;
          for (const a of e.args) stack[top++] = a;
          break;
        }
      }
      if (top > high) high = top;
    }
    return false;
  } finally {
    stack.fill(undefined, 0, high);
  }
}

const touchStack: (Expr | undefined)[] = [];

/** `variables('name')` with a literal name, of a variable that adds no uses when read. */
function isInertRead(call: Call, engine: Engine, frame: Frame): boolean {
  const arg = call.args.length === 1 ? call.args[0]! : undefined;
  return arg?.kind === "string" && engine.isInertVariable(frame, arg.value);
}

function collectIdStrings(v: Value, site: JsonString, out: { site: JsonNode; value: string }[]): void {
  // Most expressions give a string or a scalar: no walk (and no stack) for those.
  if (typeof v === "string") {
    if (looksLikeResourceId(v)) out.push({ site, value: v });
    return;
  }
  if (!Array.isArray(v) && !(v instanceof ObjectValue)) return;
  const stack: Value[] = [v];
  let budget = 1000;
  while (stack.length > 0 && budget-- > 0) {
    const x = stack.pop()!;
    if (typeof x === "string") {
      if (looksLikeResourceId(x)) out.push({ site, value: x });
    } else if (Array.isArray(x)) for (let i = 0; i < x.length; i++) stack.push(x[i]!);
    else if (x instanceof ObjectValue) for (const e of x.entries.values()) stack.push(e.value);
  }
}

/**
 * Records the uses an id makes. The use's text is `text.slice(start, end)` (no copy made unless a use is
 * recorded) or, when `end` is -1, the tokenized value `text` shown through `displayText`.
 */
function addUses(
  node: GraphNode,
  id: string,
  kind: UseKind,
  file: string,
  site: JsonNode,
  text: string,
  start: number,
  end: number,
  engine: Engine,
  byDecl: readonly GraphNode[],
): void {
  // The id itself, or the nearest declared ancestor (a sub-resource id names its parent).
  let cur: string | undefined = id;
  for (let guard = 0; cur !== undefined && guard < 8; guard++) {
    const found = engine.resolveId(cur);
    if (found.length > 0) {
      let span: { offset: number; length: number } | undefined;
      let shown = "";
      for (let i = 0; i < found.length; i++) {
        const target = byDecl[found[i]!.index]!;
        if (target === node) return;
        if (hasUse(node, target, site.offset, kind)) continue;
        if (span === undefined) {
          span = spanOf(site);
          shown = end === -1 ? displayText(text) : text.slice(start, end);
        }
        node.uses.push({ target, kind, file, span, text: shown });
      }
      return;
    }
    cur = parentIdentity(cur);
  }
}

/** Has the node a use of `target` of this kind at this offset already (a use is recorded once)? */
function hasUse(node: GraphNode, target: GraphNode, offset: number, kind: UseKind): boolean {
  const uses = node.uses;
  for (let i = 0; i < uses.length; i++) {
    const u = uses[i]!;
    if (u.target === target && u.span.offset === offset && u.kind === kind) return true;
  }
  return false;
}
