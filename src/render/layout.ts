// What the drawings (DOT, Mermaid) share: modules as nested frames, Foundry groups inside them, merged edges, markers.
import type { RenderEdge, RenderGraph, RenderGroup, RenderNode } from "./model.js";
import { bare, shortType } from "./names.js";

export type Item =
  | { kind: "node"; node: RenderNode }
  /** A module drawn as a frame around what it contains (its own node sits inside, as the frame's handle). */
  | { kind: "module"; node: RenderNode; items: Item[] }
  /** Foundry connections of one parent within one frame. */
  | { kind: "group"; group: RenderGroup; key: string; items: Item[] };

export interface Drawing {
  /** Top-level items (the root template). */
  items: Item[];
  /** Modules drawn as frames (they contain a shown node). */
  frames: ReadonlySet<string>;
  /** The frame chain of every node, innermost first (its own frame first when it is one). */
  framesOf: ReadonlyMap<string, readonly string[]>;
  edges: DrawnEdge[];
  nodes: ReadonlyMap<string, RenderNode>;
}

export interface DrawnEdge {
  from: RenderNode;
  to: RenderNode;
  /** `dependsOn`, `reference`, `list`, `output`, `missing dependsOn`, joined with `, ` when one arrow stands for several. */
  label: string;
  /** A solid line: an explicit dependsOn is among the reasons. */
  explicit: boolean;
  /** A missing dependency (drawn dashed red). */
  missing: boolean;
  /** The source texts behind the arrow, for tooltips. */
  texts: string[];
}

/** Groups the graph for drawing: frames for modules, groups for Foundry connections, one arrow per pair and kind. */
export function drawing(graph: RenderGraph): Drawing {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, RenderNode[]>();
  for (const n of graph.nodes) {
    const parent = n.module !== null && nodes.has(n.module) ? n.module : null;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [n]);
    else list.push(n);
  }
  const frames = new Set<string>();
  for (const n of graph.nodes) if (n.kind === "module" && (children.get(n.id)?.length ?? 0) > 0) frames.add(n.id);
  const groups = new Map(graph.groups.map((g) => [g.id, g]));

  const itemsOf = (parent: string | null): Item[] => {
    const members = children.get(parent) ?? [];
    const counts = new Map<string, number>();
    for (const n of members) if (n.group !== null && !frames.has(n.id)) counts.set(n.group, (counts.get(n.group) ?? 0) + 1);
    const placed = new Map<string, Item & { kind: "group" }>();
    const out: Item[] = [];
    for (const n of members) {
      const item: Item = frames.has(n.id) ? { kind: "module", node: n, items: itemsOf(n.id) } : { kind: "node", node: n };
      const group = n.group === null || item.kind === "module" ? undefined : groups.get(n.group);
      if (group === undefined || (counts.get(group.id) ?? 0) < 2) {
        out.push(item);
        continue;
      }
      let g = placed.get(group.id);
      if (g === undefined) {
        g = { kind: "group", group, key: `${group.id}_${parent ?? "root"}`, items: [] };
        placed.set(group.id, g);
        out.push(g);
      }
      g.items.push(item);
    }
    return out;
  };

  const framesOf = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const chain: string[] = [];
    for (let cur: RenderNode | undefined = n; cur !== undefined; cur = cur.module === null ? undefined : nodes.get(cur.module)) {
      if (frames.has(cur.id)) chain.push(cur.id);
    }
    framesOf.set(n.id, chain);
  }
  return { items: itemsOf(null), frames, framesOf, edges: drawnEdges(graph.edges, nodes), nodes };
}

function drawnEdges(edges: readonly RenderEdge[], nodes: ReadonlyMap<string, RenderNode>): DrawnEdge[] {
  const out: DrawnEdge[] = [];
  const byPair = new Map<string, DrawnEdge>();
  for (const e of edges) {
    if (e.kind === "contains") continue;
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (from === undefined || to === undefined) continue;
    const label = e.kind === "explicit" ? "dependsOn" : e.kind === "missing" ? "missing dependsOn" : (e.via ?? "reference");
    const missing = e.kind === "missing";
    const key = `${e.from}>${e.to}>${missing ? "m" : ""}`;
    const existing = byPair.get(key);
    if (existing !== undefined) {
      if (!existing.label.split(", ").includes(label)) existing.label = e.kind === "explicit" ? `${label}, ${existing.label}` : `${existing.label}, ${label}`;
      existing.explicit ||= e.kind === "explicit";
      if (e.text !== "" && !existing.texts.includes(e.text)) existing.texts.push(e.text);
      continue;
    }
    const drawn: DrawnEdge = { from, to, label, explicit: e.kind === "explicit", missing, texts: e.text === "" ? [] : [e.text] };
    byPair.set(key, drawn);
    out.push(drawn);
  }
  return out;
}

/** The lines a node shows under its title: its type, and its markers (copy loop, condition, existing, findings). */
export function markerLines(n: RenderNode): string[] {
  const lines: string[] = [];
  if (n.existing) lines.push("existing");
  if (n.copy !== null) lines.push(`copy ${n.copy.name} × ${typeof n.copy.count === "number" ? String(n.copy.count) : clipMiddle(bare(n.copy.count), 32)}`);
  if (n.condition !== null) lines.push(`if ${clipMiddle(bare(n.condition), 36)}`);
  return lines;
}

export function typeLine(n: RenderNode): string {
  return n.kind === "module" ? "module" : shortType(n.type);
}

/** `2 errors`, `1 warning`: the findings a node carries, by its worst severity. */
export function findingLine(graph: RenderGraph, n: RenderNode): string | undefined {
  if (n.findings.length === 0) return undefined;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of n.findings) {
    const f = graph.findings[i];
    if (f !== undefined) counts[f.severity]++;
  }
  const parts: string[] = [];
  if (counts.error > 0) parts.push(`${counts.error} ${counts.error === 1 ? "error" : "errors"}`);
  if (counts.warning > 0) parts.push(`${counts.warning} ${counts.warning === 1 ? "warning" : "warnings"}`);
  if (counts.info > 0) parts.push(`${counts.info} info`);
  return parts.join(", ");
}

/** Tooltip text of a node: full name, type, path, location, findings. */
export function tooltip(graph: RenderGraph, n: RenderNode): string {
  const lines = [`${n.kind === "module" ? "module" : n.type} '${n.symbolicName ?? n.name}'`];
  if (n.symbolicName !== null) lines.push(`name: ${n.name}`);
  lines.push(`${n.path} (${n.file}:${n.line})`);
  if (n.wave !== null) lines.push(`creation wave ${n.wave}`);
  if (n.hidden !== undefined && n.hidden > 0) lines.push(`${n.hidden} more ${n.hidden === 1 ? "neighbour" : "neighbours"} not shown`);
  for (const i of n.findings) {
    const f = graph.findings[i];
    if (f !== undefined) lines.push(`${f.severity}: ${f.message} (${f.ruleId})`);
  }
  return lines.join("\n");
}

export const SEVERITY_COLOR = { error: "#c62828", warning: "#e65100", info: "#1565c0" } as const;

export const COLORS = {
  explicit: "#37474f",
  implicit: "#1e88e5",
  missing: "#d32f2f",
  frame: "#78909c",
  group: "#8e24aa",
  existing: "#eceff1",
  node: "#ffffff",
  module: "#e3f2fd",
  muted: "#607d8b",
  focus: "#fff59d",
} as const;

/** Cuts the middle out of long text (`resourceId(…'kv')`), keeping both ends readable. */
export function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** The legend: what each drawing convention means. */
export function legend(graph: RenderGraph): string {
  const focus = graph.focus === null ? "" : " Yellow: the --focus resource.";
  return `An arrow A → B means A waits for B (B is created first). Solid: dependsOn. Blue dashed: reference(), list*() or a module output. Red dashed: missing dependency (finding). Dashed border: condition. Stacked box: copy loop. Grey: existing. Frames: modules (nested deployments).${focus}`;
}
