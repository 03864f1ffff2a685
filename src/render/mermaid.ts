// Mermaid formatter: the render graph as a flowchart (modules as subgraphs), within Mermaid's default limits.
import type { RenderGraph, RenderNode } from "./model.js";
import { COLORS, SEVERITY_COLOR, drawing, findingLine, markerLines, typeLine, type Item } from "./layout.js";

/** Mermaid's defaults (`maxEdges`, `maxTextSize`): past them Mermaid refuses to draw the diagram. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

export interface MermaidResult {
  text: string;
  /** Arrows (link statements), what Mermaid counts against `maxEdges`. */
  edges: number;
  /** Set when the diagram is past Mermaid's default limits: what is too big. */
  tooLarge: string | undefined;
}

/** Mermaid flowchart text of the render graph. An arrow A --> B means A waits for B. */
export function toMermaid(graph: RenderGraph): MermaidResult {
  const d = drawing(graph);
  const out: string[] = [];
  out.push(`%% armlint dependency graph of ${graph.file.replace(/[\r\n]+/g, " ")}`);
  out.push("%% An arrow A --> B means A waits for B (B is created first).");
  out.push("flowchart BT");
  for (const item of d.items) writeItem(graph, item, out, "  ");
  const linkStyles = { missing: [] as number[], implicit: [] as number[] };
  d.edges.forEach((e, i) => {
    const arrow = e.missing || !e.explicit ? "-.->" : "-->";
    out.push(`  ${e.from.id} ${arrow}|"${escape(e.label)}"| ${e.to.id}`);
    if (e.missing) linkStyles.missing.push(i);
    else if (!e.explicit) linkStyles.implicit.push(i);
  });
  out.push(`  classDef module fill:${COLORS.module},stroke:${COLORS.frame}`);
  out.push(`  classDef existing fill:${COLORS.existing},color:${COLORS.muted}`);
  out.push("  classDef conditional stroke-dasharray:5 3");
  out.push(`  classDef focus fill:${COLORS.focus}`);
  out.push(`  classDef group fill:none,stroke:${COLORS.group},stroke-dasharray:4 3`);
  for (const severity of ["info", "warning", "error"] as const) out.push(`  classDef ${severity} stroke:${SEVERITY_COLOR[severity]},stroke-width:2px`);
  const classes = new Map<string, string[]>();
  const add = (cls: string, id: string): void => {
    const list = classes.get(cls);
    if (list === undefined) classes.set(cls, [id]);
    else list.push(id);
  };
  for (const n of graph.nodes) {
    if (n.kind === "module" && !d.frames.has(n.id)) add("module", n.id);
    if (n.existing) add("existing", n.id);
    if (n.distance === 0) add("focus", n.id);
    if (n.condition !== null) add("conditional", n.id);
    if (n.severity !== null) add(n.severity, n.id);
  }
  for (const key of groupKeys(d.items)) add("group", key);
  for (const [cls, ids] of classes) out.push(`  class ${ids.join(",")} ${cls}`);
  if (linkStyles.implicit.length > 0) out.push(`  linkStyle ${linkStyles.implicit.join(",")} stroke:${COLORS.implicit}`);
  if (linkStyles.missing.length > 0) out.push(`  linkStyle ${linkStyles.missing.join(",")} stroke:${COLORS.missing},stroke-width:2px,color:${COLORS.missing}`);
  const text = `${out.join("\n")}\n`;
  let tooLarge: string | undefined;
  if (d.edges.length > MERMAID_MAX_EDGES) tooLarge = `${d.edges.length} arrows (Mermaid draws at most ${MERMAID_MAX_EDGES} by default)`;
  else if (text.length > MERMAID_MAX_TEXT) tooLarge = `${text.length} characters (Mermaid draws at most ${MERMAID_MAX_TEXT} by default)`;
  return { text, edges: d.edges.length, tooLarge };
}

function writeItem(graph: RenderGraph, item: Item, out: string[], indent: string): void {
  switch (item.kind) {
    case "node":
      out.push(`${indent}${nodeText(graph, item.node)}`);
      return;
    case "module": {
      // The subgraph is the module: arrows to and from the module end at its frame.
      const n = item.node;
      const head = [...markerLines(n), findingLine(graph, n)].filter((x): x is string => x !== undefined);
      out.push(`${indent}subgraph ${n.id}["${escape([`module ${n.label}`, ...head].join(" · "))}"]`);
      for (const child of item.items) writeItem(graph, child, out, `${indent}  `);
      out.push(`${indent}end`);
      return;
    }
    case "group":
      out.push(`${indent}subgraph ${item.key}["${escape(item.group.label)}"]`);
      for (const child of item.items) writeItem(graph, child, out, `${indent}  `);
      out.push(`${indent}end`);
      return;
  }
}

function nodeText(graph: RenderGraph, n: RenderNode): string {
  const lines = [n.label, typeLine(n), ...markerLines(n)];
  const findings = findingLine(graph, n);
  if (findings !== undefined) lines.push(findings);
  if (n.hidden !== undefined && n.hidden > 0) lines.push(`+${n.hidden} not shown`);
  const label = `"${lines.map(escape).join("<br/>")}"`;
  // Shapes: a module without a shown inside is a subroutine box; a copy loop a stacked box.
  if (n.kind === "module") return `${n.id}[[${label}]]`;
  if (n.copy !== null) return `${n.id}@{ shape: processes, label: ${label} }`;
  return `${n.id}(${label})`;
}

function groupKeys(items: readonly Item[]): string[] {
  const keys: string[] = [];
  const stack = [...items];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.kind === "group") keys.push(item.key);
    if (item.kind !== "node") stack.push(...item.items);
  }
  return keys.sort();
}

/**
 * Text inside a quoted Mermaid label: characters that would end the label or that Mermaid would read as
 * an entity, HTML or Markdown (quotes, `#`, `<`, `>`, `&`, backticks) become entity codes (`#quot;`, `#35;`);
 * control characters become spaces.
 */
export function escape(text: string): string {
  // Mermaid rejects an empty quoted label.
  if (text === "") return " ";
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += " ";
    else if (ch === '"') out += "#quot;";
    else if ("#<>&`".includes(ch)) out += `#${code};`;
    else out += ch;
  }
  return out;
}
