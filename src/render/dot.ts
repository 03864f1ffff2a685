// DOT formatter: the render graph as Graphviz source (modules as clusters, Foundry groups, findings in red), created-first at the top.
import type { RenderGraph, RenderNode } from "./model.js";
import { COLORS, SEVERITY_COLOR, clipMiddle, drawing, findingLine, markerLines, tooltip, typeLine, legend, type DrawnEdge, type Item } from "./layout.js";

export interface DotOptions {
  /** Edge labels (default: on up to 300 arrows; large graphs lay out faster and read better without). */
  edgeLabels?: boolean;
  /** A caption with the file and the legend (default true). */
  caption?: boolean;
}

const EDGE_LABEL_LIMIT = 300;

/** Graphviz DOT source of the render graph. An arrow A -> B means A waits for B. */
export function toDot(graph: RenderGraph, options: DotOptions = {}): string {
  const d = drawing(graph);
  const edgeLabels = options.edgeLabels ?? d.edges.length <= EDGE_LABEL_LIMIT;
  const out: string[] = [];
  out.push(`// armlint dependency graph of ${oneLine(graph.file)}`);
  out.push("// An arrow A -> B means A waits for B (B is created first).");
  out.push("digraph armlint {");
  const caption = options.caption ?? true;
  const graphAttrs: [string, string][] = [
    ["rankdir", "BT"],
    ["compound", "true"],
    ["newrank", "true"],
    ["nodesep", "0.25"],
    ["ranksep", "0.45"],
    ["fontname", "Helvetica"],
    ["fontsize", "10"],
    ["tooltip", graph.file],
  ];
  if (caption) {
    const focus = graph.focus === null ? "" : ` (neighbourhood of ${graph.nodes.find((n) => n.id === graph.focus?.node)?.label ?? graph.focus.node}, depth ${graph.focus.depth})`;
    graphAttrs.push(["label", `${graph.file}${focus}\n${wrap(legend(graph), 110)}`], ["labelloc", "b"], ["labeljust", "l"], ["fontcolor", COLORS.muted]);
  }
  out.push(`  graph [${attrs(graphAttrs)}];`);
  out.push(`  node [${attrs([["shape", "box"], ["style", "rounded,filled"], ["fillcolor", COLORS.node], ["color", "#90a4ae"], ["fontname", "Helvetica"], ["fontsize", "10"], ["margin", "0.12,0.05"]])}];`);
  out.push(`  edge [${attrs([["color", COLORS.explicit], ["fontname", "Helvetica"], ["fontsize", "8"], ["arrowsize", "0.7"], ["fontcolor", COLORS.muted]])}];`);
  for (const item of d.items) writeItem(graph, item, out, "  ");
  for (const e of d.edges) out.push(`  ${edgeLine(e, d.framesOf, d.frames, edgeLabels)}`);
  // What a module contains starts after the module does: invisible arrows keep each frame compact, its handle first.
  for (const n of graph.nodes) {
    if (n.module !== null && d.frames.has(n.module)) out.push(`  ${n.id} -> ${n.module} [style="invis"];`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

function writeItem(graph: RenderGraph, item: Item, out: string[], indent: string): void {
  switch (item.kind) {
    case "node":
      out.push(`${indent}${nodeLine(graph, item.node)}`);
      return;
    case "module": {
      const n = item.node;
      const style = n.condition !== null ? "rounded,dashed" : "rounded";
      out.push(`${indent}subgraph ${quoteId(`cluster_${n.id}`)} {`);
      // The module's own node, first in the frame, is its title bar.
      out.push(`${indent}  graph [${attrs([["label", ""], ["style", style], ["color", n.severity === null ? COLORS.frame : SEVERITY_COLOR[n.severity]], ["id", `cluster_${n.id}`], ["tooltip", tooltip(graph, n)]])}];`);
      out.push(`${indent}  ${nodeLine(graph, n)}`);
      for (const child of item.items) writeItem(graph, child, out, `${indent}  `);
      out.push(`${indent}}`);
      return;
    }
    case "group":
      out.push(`${indent}subgraph ${quoteId(`cluster_${item.key}`)} {`);
      out.push(`${indent}  graph [${attrs([["label", item.group.label], ["style", "rounded,dashed"], ["color", COLORS.group], ["fontcolor", COLORS.group], ["id", `cluster_${item.key}`]])}];`);
      for (const child of item.items) writeItem(graph, child, out, `${indent}  `);
      out.push(`${indent}}`);
      return;
  }
}

function nodeLine(graph: RenderGraph, n: RenderNode): string {
  const lines = [`<B>${html(n.label)}</B>`, `<FONT POINT-SIZE="8" COLOR="${COLORS.muted}">${html(typeLine(n))}</FONT>`];
  for (const m of markerLines(n)) lines.push(`<FONT POINT-SIZE="8" COLOR="#6d4c41">${html(m)}</FONT>`);
  const findings = findingLine(graph, n);
  if (findings !== undefined && n.severity !== null) lines.push(`<FONT POINT-SIZE="8" COLOR="${SEVERITY_COLOR[n.severity]}">${html(findings)}</FONT>`);
  if (n.hidden !== undefined && n.hidden > 0) lines.push(`<FONT POINT-SIZE="8" COLOR="${COLORS.muted}">+${n.hidden} not shown</FONT>`);
  const styles = [n.copy !== null ? "filled" : "rounded,filled"];
  if (n.condition !== null) styles.push("dashed");
  const a: [string, string][] = [
    ["id", n.id],
    ["tooltip", tooltip(graph, n)],
  ];
  if (n.kind === "module") a.push(["shape", "tab"], ["fillcolor", COLORS.module]);
  else if (n.copy !== null) a.push(["shape", "box3d"]);
  if (n.existing) a.push(["fillcolor", COLORS.existing], ["fontcolor", COLORS.muted]);
  if (n.distance === 0) a.push(["fillcolor", COLORS.focus]);
  a.push(["style", styles.join(",")]);
  if (n.severity !== null) a.push(["color", SEVERITY_COLOR[n.severity]], ["penwidth", "2"]);
  return `${n.id} [label=<${lines.join("<BR/>")}>, ${attrs(a)}];`;
}

function edgeLine(e: DrawnEdge, framesOf: ReadonlyMap<string, readonly string[]>, frames: ReadonlySet<string>, labels: boolean): string {
  const a: [string, string][] = [];
  if (labels) a.push(["label", e.label]);
  if (e.texts.length > 0) a.push(["tooltip", `${e.label}: ${e.texts.map((t) => clipMiddle(t, 200)).join("\n")}`]);
  if (e.missing) a.push(["style", "dashed"], ["color", COLORS.missing], ["fontcolor", COLORS.missing], ["penwidth", "2"]);
  else if (!e.explicit) a.push(["style", "dashed"], ["color", COLORS.implicit], ["fontcolor", COLORS.implicit]);
  // An arrow to or from a module ends at its frame, unless the other end is inside that frame.
  if (frames.has(e.to.id) && !(framesOf.get(e.from.id) ?? []).includes(e.to.id)) a.push(["lhead", `cluster_${e.to.id}`]);
  if (frames.has(e.from.id) && !(framesOf.get(e.to.id) ?? []).includes(e.from.id)) a.push(["ltail", `cluster_${e.from.id}`]);
  return `${e.from.id} -> ${e.to.id}${a.length > 0 ? ` [${attrs(a)}]` : ""};`;
}

function attrs(list: readonly [string, string][]): string {
  return list.map(([k, v]) => `${k}=${quote(v)}`).join(", ");
}

/** A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function quote(text: string): string {
  return `"${withoutControls(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, "\\n")}"`;
}

function quoteId(id: string): string {
  return quote(id);
}

/** Text for an HTML-like label (never empty: Graphviz rejects an empty `<B></B>`). */
function html(text: string): string {
  const clean = withoutControls(text).replace(/\r\n|\r|\n|\t/g, " ");
  if (clean === "") return " ";
  return clean.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Drops control characters other than line breaks and tabs (Graphviz rejects some; none are meant to show). */
function withoutControls(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== "\n" && ch !== "\r" && ch !== "\t") || code === 0x7f) continue;
    out += ch;
  }
  return out;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

/** Wraps text at spaces to lines of at most `width` characters. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}
