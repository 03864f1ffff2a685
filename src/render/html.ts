// HTML formatter: one self-contained page (no network) with the graph as SVG, the findings linked to nodes, and the creation waves.
import type { RenderGraph, RenderNode } from "./model.js";
import { toDot } from "./dot.js";
import { legend } from "./layout.js";

/** Lays the graph out with Graphviz compiled to WebAssembly (`@viz-js/viz`, loaded only here) and builds the page. */
export async function renderHtml(graph: RenderGraph): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  const result = viz.render(toDot(graph, { caption: false }), { format: "svg", engine: "dot" });
  if (result.status !== "success") {
    const reasons = result.errors.map((e) => e.message).join("; ");
    throw new Error(`Graphviz could not lay out the graph: ${reasons}`);
  }
  return htmlPage(graph, result.output);
}

/** The page around an SVG drawing of `graph` (as Graphviz writes it from `toDot`). */
export function htmlPage(graph: RenderGraph, svg: string): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const title = `armlint graph: ${graph.file}`;
  const focus = graph.focus === null ? "" : ` · neighbourhood of ${nodeLink(byId.get(graph.focus.node))} (depth ${graph.focus.depth})`;
  const stats = `${graph.stats.resources} ${plural(graph.stats.resources, "resource")} · ${graph.stats.modules} ${plural(graph.stats.modules, "module")} · ${graph.findings.length} ${plural(graph.findings.length, "finding")} · ${graph.waves.length} creation ${plural(graph.waves.length, "wave")}`;
  const findings = graph.findings.map((f, i) => {
    const node = f.node === null ? undefined : byId.get(f.node);
    const where = node === undefined ? `<span class="where">template</span>` : nodeLink(node);
    const rule = f.docsUrl === null ? esc(f.ruleId) : `<a class="rule" href="${esc(f.docsUrl)}">${esc(f.ruleId)}</a>`;
    return `<li class="finding ${f.severity}" id="finding-${i}"${node === undefined ? "" : ` data-node="${esc(node.id)}"`}><span class="sev">${f.severity}</span> ${where} <span class="msg">${esc(f.message)}</span> <span class="loc">${esc(f.file)}:${f.line}:${f.column}</span> ${rule}</li>`;
  });
  const waves = graph.waves.map((w) => `<li><span class="wave">wave ${w.wave}</span> ${w.nodes.map((id) => nodeLink(byId.get(id))).join(" ")}</li>`);
  const unordered = graph.nodes.filter((n) => n.wave === null);
  if (unordered.length > 0) waves.push(`<li><span class="wave">in a cycle</span> ${unordered.map(nodeLink).join(" ")}</li>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="armlint">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(graph.file)}</h1>
<p class="stats">${stats}${focus}</p>
</header>
<main>
<section id="graph" aria-label="Dependency graph">
<div class="toolbar"><button type="button" id="fit" aria-pressed="true">Fit to width</button> <span class="hint">Click a resource to see its findings; click a finding to find its resource.</span></div>
<div id="canvas" class="fit">
${svgBody(svg)}
</div>
<p class="legend">${esc(legend(graph))}</p>
</section>
<aside>
<section id="findings">
<h2>Findings (${graph.findings.length})</h2>
${findings.length === 0 ? `<p class="none">No findings.</p>` : `<ol>\n${findings.join("\n")}\n</ol>`}
</section>
<section id="waves">
<h2>Creation waves (${graph.waves.length})</h2>
<p class="hint">A resource starts once everything it waits for is done: each wave holds what can start after the waves before it.</p>
<ol class="waves">
${waves.join("\n")}
</ol>
</section>
</aside>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function nodeLink(n: RenderNode | undefined): string {
  if (n === undefined) return "";
  const cls = n.severity === null ? "node" : `node ${n.severity}`;
  const text = n.kind === "module" ? `module ${n.label}` : n.label;
  return `<a class="${cls}" href="#${esc(n.id)}" data-node="${esc(n.id)}" title="${esc(`${n.type} ${n.name} (${n.path})`)}">${esc(text)}</a>`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** The `<svg>` element of Graphviz output, without the XML prolog and doctype. */
function svgBody(svg: string): string {
  const start = svg.indexOf("<svg");
  return start < 0 ? svg : svg.slice(start).trim();
}

/** Text or attribute value in HTML. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px; color: #263238; }
body { margin: 0; }
header { padding: 10px 16px; border-bottom: 1px solid #cfd8dc; background: #fafafa; }
h1 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 15px; margin: 12px 0 6px; }
.stats, .hint, .legend { color: #607d8b; margin: 0; }
.hint { font-size: 12px; }
main { display: flex; flex-wrap: wrap; align-items: flex-start; }
#graph { flex: 3 1 600px; min-width: 0; padding: 8px 16px; }
aside { flex: 1 1 340px; min-width: 0; padding: 0 16px 16px; border-left: 1px solid #eceff1; }
.toolbar { margin: 4px 0 8px; }
#canvas { overflow: auto; border: 1px solid #eceff1; max-height: 80vh; }
#canvas.fit svg { max-width: 100%; height: auto; }
.legend { font-size: 12px; margin-top: 6px; }
ol { padding-left: 22px; margin: 0; }
li { margin: 0 0 8px; line-height: 1.35; overflow-wrap: anywhere; }
.finding .sev { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.finding.error .sev { color: #c62828; } .finding.warning .sev { color: #e65100; } .finding.info .sev { color: #1565c0; }
.finding .loc, .where { color: #607d8b; font-size: 12px; }
.finding .rule { font-size: 12px; }
.finding.hl { background: #fff3e0; outline: 2px solid #ffb74d; }
a.node { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: #0d47a1; text-decoration: none; border-bottom: 1px dotted; }
a.node.error { color: #c62828; } a.node.warning { color: #e65100; }
.waves .wave { display: inline-block; min-width: 56px; font-weight: 600; }
svg g.node { cursor: pointer; }
svg g.node.hl path, svg g.node.hl polygon { stroke: #ff6f00; stroke-width: 4px; }
`;

const SCRIPT = `
(function () {
  var canvas = document.getElementById("canvas");
  var fit = document.getElementById("fit");
  var svg = canvas.querySelector("svg");
  // A drawing much wider than the page is unreadable when shrunk: show it at its size, scrollable.
  if (svg && svg.width.baseVal.value > canvas.clientWidth * 2.5) {
    canvas.classList.remove("fit");
    fit.setAttribute("aria-pressed", "false");
  }
  fit.addEventListener("click", function () {
    var on = canvas.classList.toggle("fit");
    fit.setAttribute("aria-pressed", on ? "true" : "false");
  });
  function clear() {
    document.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
  }
  function showNode(id) {
    clear();
    var g = document.getElementById(id);
    if (g) {
      g.classList.add("hl");
      g.scrollIntoView({ block: "center", inline: "center" });
    }
  }
  document.querySelectorAll("aside [data-node]").forEach(function (e) {
    e.addEventListener("click", function (ev) {
      var id = e.getAttribute("data-node");
      if (!id) return;
      ev.preventDefault();
      showNode(id);
      var li = e.closest("li.finding");
      if (li) li.classList.add("hl");
    });
  });
  document.querySelectorAll("svg g.node").forEach(function (g) {
    g.addEventListener("click", function () {
      clear();
      g.classList.add("hl");
      var first = null;
      document.querySelectorAll('li.finding[data-node="' + g.id + '"]').forEach(function (li) {
        li.classList.add("hl");
        if (!first) first = li;
      });
      if (first) first.scrollIntoView({ block: "nearest" });
    });
  });
  // Graphviz measured the labels with its own font metrics: squeeze any text the browser's font makes wider than its box.
  document.querySelectorAll("svg g.node").forEach(function (g) {
    var shape = g.querySelector("polygon, path, ellipse");
    if (!shape) return;
    var room = shape.getBBox().width - 8;
    g.querySelectorAll("text").forEach(function (t) {
      if (t.getComputedTextLength() > room) {
        t.setAttribute("textLength", String(room));
        t.setAttribute("lengthAdjust", "spacingAndGlyphs");
      }
    });
  });
  if (location.hash.length > 1) showNode(location.hash.slice(1));
})();
`;
