// Render graph builder: an analysis and its findings → nodes, modules, labelled edges, Foundry groups, waves, focus.
import { relative, resolve, sep } from "node:path";
import type { Analysis } from "../analyze.js";
import type { Diagnostic, Severity } from "../diagnostics.js";
import type { DependencyGraph, Edge, GraphNode } from "../graph/types.js";
import { foundryModel } from "../../rules/foundry/domain.js";
import { GRAPH_FORMAT_VERSION, type ImplicitVia, type RenderEdge, type RenderFinding, type RenderGraph, type RenderGroup, type RenderNode } from "./model.js";
import { clip, conditionText, nodePath, readableName, realNode, title } from "./names.js";
import { neighbourhood } from "./focus.js";

export const MISSING_DEPENDENCY = "arm/missing-dependency";

export interface RenderOptions {
  /** Base for the relative paths in the output (default: the process's working folder). */
  cwd?: string;
  /** Show only the neighbourhood of this node (a real node of `analysis.graph`). */
  focus?: GraphNode | undefined;
  /** Edges from the focused node (default 2). */
  depth?: number | undefined;
}

export const DEFAULT_DEPTH = 2;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** Builds the render graph of an analyzed template; `findings` are the lint diagnostics to overlay. */
export function buildRenderGraph(analysis: Analysis, findings: readonly Diagnostic[], options: RenderOptions = {}): RenderGraph {
  const cwd = options.cwd ?? process.cwd();
  const graph = analysis.graph;
  const shownFile = (file: string): string => toPosix(relative(cwd, resolve(cwd, file)) || file);
  const result: RenderGraph = {
    format: "armlint-graph",
    version: GRAPH_FORMAT_VERSION,
    file: shownFile(analysis.file),
    focus: null,
    nodes: [],
    edges: [],
    groups: [],
    findings: [],
    waves: [],
    stats: { resources: 0, modules: 0, edges: 0, findings: findings.length },
  };
  if (graph === undefined) {
    result.findings = findings.map((d) => renderFinding(d, null, shownFile));
    return result;
  }

  const ids = new Map<GraphNode, string>();
  graph.resources.forEach((n, i) => ids.set(n, `n${i}`));
  const idOf = (n: GraphNode): string => ids.get(realNode(n))!;
  const locate = (file: string, offset: number): { line: number; column: number } => {
    const source = analysis.sources.get(file) ?? (file === analysis.file ? analysis.source : undefined);
    return source === undefined ? { line: 1, column: 1 } : source.positionAt(offset);
  };

  // Waves (1-based, whole template).
  const waveOf = new Map<GraphNode, number>();
  graph.waves().forEach((wave, i) => {
    for (const n of wave) waveOf.set(n, i + 1);
  });

  // Nodes.
  const nodes = new Map<GraphNode, RenderNode>();
  for (const n of graph.resources) {
    const at = locate(n.decl.scope.file, n.decl.json.offset);
    const node: RenderNode = {
      id: idOf(n),
      kind: n.kind === "deployment" ? "module" : "resource",
      type: n.type,
      name: readableName(n),
      symbolicName: n.decl.symbolicName ?? null,
      label: clip(title(n, n.kind === "deployment" ? 44 : 40), 44),
      path: nodePath(n),
      identity: n.identity,
      file: shownFile(n.decl.scope.file),
      line: at.line,
      column: at.column,
      module: n.deployment === undefined ? null : idOf(n.deployment),
      existing: n.existing,
      condition: conditionText(n),
      copy: n.copy === undefined ? null : { name: n.copy.name, count: n.copy.count },
      wave: waveOf.get(n) ?? null,
      findings: [],
      severity: null,
      group: null,
    };
    nodes.set(n, node);
  }

  // Findings, each located in the innermost resource that contains it.
  const located = findings.map((d) => findingNode(graph, d, cwd));
  const renderFindings = findings.map((d, i) => renderFinding(d, located[i] === undefined ? null : idOf(located[i]), shownFile));

  // Edges.
  const edges: { edge: RenderEdge; from: GraphNode; to: GraphNode }[] = [];
  const seen = new Set<string>();
  for (const n of graph.nodes) {
    for (const e of n.out) {
      const edge = renderEdge(e, n, idOf, shownFile, locate);
      if (edge === undefined) continue;
      const key = `${edge.from}>${edge.to}>${edge.kind}>${edge.via ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ edge, from: realNode(e.from), to: realNode(e.to) });
    }
  }
  findings.forEach((d, i) => {
    const missing = missingEdge(graph, d, located[i]);
    if (missing === undefined) return;
    const at = d.line > 0 ? { line: d.line, column: d.column } : { line: null, column: null };
    edges.push({
      edge: { from: idOf(missing.holder), to: idOf(missing.target), kind: "missing", via: null, text: d.data?.entry ?? "", file: shownFile(d.file), ...at, finding: i },
      from: missing.holder,
      to: missing.target,
    });
  });

  // Foundry connections, grouped by the project (or account) they hang on.
  const groups: RenderGroup[] = [];
  const groupOf = new Map<GraphNode, string>();
  for (const g of foundryGroups(analysis)) {
    const id = `g${groups.length}`;
    groups.push({ id, kind: "foundry-connections", label: g.label, account: g.account === undefined ? null : idOf(g.account), parent: g.parent, members: g.members.map(idOf) });
    for (const m of g.members) groupOf.set(m, id);
  }

  // Focus.
  let shown: Map<GraphNode, number | null> | undefined;
  if (options.focus !== undefined) {
    const depth = options.depth ?? DEFAULT_DEPTH;
    shown = neighbourhood(graph, realNode(options.focus), depth, edges);
    result.focus = { node: idOf(options.focus), depth };
  }
  const visible = (n: GraphNode): boolean => shown === undefined || shown.has(n);

  for (const n of graph.resources) {
    if (!visible(n)) continue;
    const node = nodes.get(n)!;
    node.group = groupOf.get(n) ?? null;
    if (shown !== undefined) {
      node.distance = shown.get(n) ?? null;
      node.hidden = hiddenNeighbours(n, edges, shown);
    }
    result.nodes.push(node);
  }
  const findingIndex = new Map<number, number>();
  renderFindings.forEach((f, i) => {
    const owner = located[i];
    if (owner !== undefined && !visible(owner)) return;
    findingIndex.set(i, result.findings.length);
    result.findings.push(f);
    if (owner === undefined) return;
    const node = nodes.get(owner)!;
    node.findings.push(result.findings.length - 1);
    if (node.severity === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[node.severity]) node.severity = f.severity;
  });
  for (const { edge, from, to } of edges) {
    if (!visible(from) || !visible(to)) continue;
    result.edges.push(edge.finding === null ? edge : { ...edge, finding: findingIndex.get(edge.finding) ?? null });
  }
  for (const g of groups) {
    const members = g.members.filter((id) => result.nodes.some((n) => n.id === id));
    if (members.length > 0) result.groups.push({ ...g, members });
  }
  const byWave = new Map<number, string[]>();
  for (const node of result.nodes) {
    if (node.wave === null) continue;
    const list = byWave.get(node.wave);
    if (list === undefined) byWave.set(node.wave, [node.id]);
    else list.push(node.id);
  }
  result.waves = [...byWave].sort((a, b) => a[0] - b[0]).map(([wave, ids]) => ({ wave, nodes: ids }));
  result.stats = {
    resources: graph.resources.filter((n) => n.kind !== "deployment").length,
    modules: graph.resources.filter((n) => n.kind === "deployment").length,
    edges: edges.length,
    findings: findings.length,
  };
  return result;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

function renderFinding(d: Diagnostic, node: string | null, shownFile: (file: string) => string): RenderFinding {
  return { ruleId: d.ruleId, severity: d.severity, message: d.message, file: shownFile(d.file), line: d.line, column: d.column, node, docsUrl: d.docsUrl ?? null };
}

/** Engine edges as drawn: start nodes become their module; the module → start link and "inside" links are the module frame. */
function renderEdge(
  e: Edge,
  n: GraphNode,
  idOf: (n: GraphNode) => string,
  shownFile: (file: string) => string,
  locate: (file: string, offset: number) => { line: number; column: number },
): RenderEdge | undefined {
  if (e.kind === "inherits") return undefined;
  if (e.kind === "contains") {
    if (e.to.kind === "deployment-start") return undefined;
    return { from: idOf(e.from), to: idOf(e.to), kind: "contains", via: null, text: "", file: null, line: null, column: null, finding: null };
  }
  const at = locate(e.file, e.span.offset);
  const via = e.kind === "implicit" ? implicitVia(e, n) : null;
  return { from: idOf(e.from), to: idOf(e.to), kind: e.kind, via, text: e.label, file: shownFile(e.file), line: at.line, column: at.column, finding: null };
}

function implicitVia(e: Edge, n: GraphNode): ImplicitVia {
  const target = realNode(e.to);
  if (target.kind === "deployment") return "output";
  const use = realNode(n).uses.find((u) => realNode(u.target) === target && u.span.offset === e.span.offset && (u.kind === "list" || u.kind === "reference"));
  if (use?.kind === "list") return "list";
  return /^\[?\s*list/i.test(e.label.trimStart()) ? "list" : "reference";
}

/** The innermost resource (or module) whose declaration contains the finding's span. */
function findingNode(graph: DependencyGraph, d: Diagnostic, cwd: string): GraphNode | undefined {
  const file = resolve(cwd, d.file);
  let best: GraphNode | undefined;
  for (const n of graph.resources) {
    const json = n.decl.json;
    if (resolve(cwd, n.decl.scope.file) !== file) continue;
    if (d.span.offset < json.offset || d.span.offset + d.span.length > json.offset + json.length) continue;
    if (best === undefined || json.length < best.decl.json.length) best = n;
  }
  return best;
}

/** The dashed red edge of an `arm/missing-dependency` finding: from the resource or module that needs the entry to what it uses. */
function missingEdge(graph: DependencyGraph, d: Diagnostic, at: GraphNode | undefined): { holder: GraphNode; target: GraphNode } | undefined {
  if (d.ruleId !== MISSING_DEPENDENCY || d.data === undefined) return undefined;
  const { holder: holderId, target: targetId } = d.data;
  if (holderId === undefined || targetId === undefined) return undefined;
  const holders = graph.resources.filter((n) => n.identity === holderId);
  let holder: GraphNode | undefined;
  for (let cur = at; cur !== undefined && holder === undefined; cur = cur.deployment) if (holders.includes(cur)) holder = cur;
  holder ??= holders[0];
  const targets = graph.resources.filter((n) => n.identity === targetId && n !== holder);
  const target = targets.find((n) => !n.existing) ?? targets[0];
  return holder === undefined || target === undefined ? undefined : { holder, target };
}

interface FoundryGroup {
  label: string;
  parent: string;
  account: GraphNode | undefined;
  members: GraphNode[];
}

/** Connections of each Foundry project (or account, for account-level connections). */
function foundryGroups(analysis: Analysis): FoundryGroup[] {
  let fm: ReturnType<typeof foundryModel>;
  try {
    fm = foundryModel(analysis);
  } catch {
    return [];
  }
  if (fm === undefined) return [];
  const byParent = new Map<string, FoundryGroup>();
  for (const c of fm.connections) {
    let g = byParent.get(c.parentKey);
    if (g === undefined) {
      const parents = fm.graph.resources.filter((n) => n.identity === c.parentKey);
      const parent = parents.find((n) => !n.existing) ?? parents[0];
      const name = parent === undefined ? c.parentName : title(parent);
      const label = c.level === "project" ? `connections of project '${name}'` : `connections of Foundry resource '${name}'`;
      g = { label, parent: c.parentName, account: c.account.declared, members: [] };
      byParent.set(c.parentKey, g);
    }
    const node = realNode(c.node);
    if (!g.members.includes(node)) g.members.push(node);
  }
  return [...byParent.values()];
}

/** Neighbours of a shown node (dependencies either way, a module's contents) that are not shown. */
function hiddenNeighbours(n: GraphNode, edges: readonly { from: GraphNode; to: GraphNode }[], shown: ReadonlyMap<GraphNode, number | null>): number {
  const hidden = new Set<GraphNode>();
  for (const { from, to } of edges) {
    if (from === n && !shown.has(to)) hidden.add(to);
    else if (to === n && !shown.has(from)) hidden.add(from);
  }
  return hidden.size;
}
