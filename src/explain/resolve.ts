// Finding a resource by what people call it: JSON path, symbolic name, name expression, readable name or resource id.
import type { DependencyGraph, GraphNode } from "../graph/types.js";
import { declPath, lastSegment, positionalPath, readableName } from "../render/names.js";
import { shortName } from "../render/short-name.js";

export type Resolution =
  | { kind: "found"; node: GraphNode; how: string }
  /** More than one resource answers to the name: the caller lists them. */
  | { kind: "ambiguous"; candidates: GraphNode[]; how: string }
  /** Nothing answers; `suggestions` holds the closest names. */
  | { kind: "none"; suggestions: GraphNode[] };

interface Level {
  how: string;
  matches(n: GraphNode, q: Query): boolean;
}

interface Query {
  raw: string;
  lower: string;
  /** Lowercase, without the brackets of an expression and the braces of a computed part. */
  bare: string;
  path: string;
}

/**
 * Ways of naming a resource, most specific first; the first level any resource matches decides. A copy
 * loop is one resource; a module is named like a resource (the deployment).
 */
const LEVELS: readonly Level[] = [
  { how: "JSON path", matches: (n, q) => normalizePath(declPath(n.decl)) === q.path },
  { how: "symbolic name", matches: (n, q) => n.decl.symbolicName === q.raw },
  { how: "symbolic name", matches: (n, q) => n.decl.symbolicName?.toLowerCase() === q.lower },
  { how: "name expression", matches: (n, q) => nameText(n) === q.raw },
  { how: "name expression", matches: (n, q) => nameText(n)?.toLowerCase() === q.lower || bareName(n)?.toLowerCase() === q.lower },
  { how: "name", matches: (n, q) => readableName(n).toLowerCase() === q.lower || n.displayName.toLowerCase() === q.lower },
  { how: "name", matches: (n, q) => names(n).includes(q.bare) },
  { how: "resource id", matches: (n, q) => n.identity === q.lower || n.displayId.toLowerCase() === q.lower },
  { how: "JSON path", matches: (n, q) => normalizePath(positionalPath(n.decl)) === q.path },
  { how: "JSON path within its template", matches: (n, q) => normalizePath(n.decl.path) === q.path },
];

/** The resource `query` names in the graph (real nodes only: resources and modules). */
export function resolveResource(graph: DependencyGraph, query: string): Resolution {
  const raw = query.trim();
  const lower = raw.toLowerCase();
  const q: Query = { raw, lower, bare: unbraced(lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1).trim() : lower), path: normalizePath(raw) };
  for (const level of LEVELS) {
    const found = graph.resources.filter((n) => level.matches(n, q));
    if (found.length === 1) return { kind: "found", node: found[0]!, how: level.how };
    if (found.length > 1) return { kind: "ambiguous", candidates: found, how: level.how };
  }
  return { kind: "none", suggestions: suggestions(graph, q) };
}

/** Short spellings of a name (lowercase): the last segment evaluated and as written, computed parts unbraced. */
function names(n: GraphNode): string[] {
  const out = [unbraced(lastSegment(readableName(n)))];
  const short = shortName(n.decl.nameNode);
  if (short !== undefined) out.push(unbraced(short), unbraced(lastSegment(short)));
  return out.map((x) => x.toLowerCase());
}

function nameText(n: GraphNode): string | undefined {
  const node = n.decl.nameNode;
  return node?.type === "string" ? node.value : undefined;
}

/** The name expression without its brackets: `[parameters('kv')]` → `parameters('kv')`. */
function bareName(n: GraphNode): string | undefined {
  const text = nameText(n);
  if (text === undefined || !text.startsWith("[") || text.startsWith("[[") || !text.endsWith("]")) return undefined;
  return text.slice(1, -1).trim();
}

function unbraced(text: string): string {
  return text.startsWith("{") && text.endsWith("}") && text.indexOf("}") === text.length - 1 ? text.slice(1, -1) : text;
}

/**
 * A JSON path in one spelling: `resources['a']`, `resources["a"]` and `resources.a` → `resources.a`;
 * no spaces, lowercase (paths are matched without case).
 */
export function normalizePath(path: string): string {
  return path
    .trim()
    .replace(/^\$\.?/, "")
    .replace(/\[\s*'((?:[^']|'')*)'\s*\]/g, (_, key: string) => `.${key.replaceAll("''", "'")}`)
    .replace(/\[\s*"([^"]*)"\s*\]/g, (_, key: string) => `.${key}`)
    .replace(/\[\s*(\d+)\s*\]/g, "[$1]")
    .replace(/^\./, "")
    .toLowerCase();
}

/** Up to five resources whose names contain the query or are a few edits from it. */
function suggestions(graph: DependencyGraph, q: Query): GraphNode[] {
  const scored: { node: GraphNode; score: number }[] = [];
  for (const n of graph.resources) {
    const names = [n.decl.symbolicName, unbraced(lastSegment(readableName(n))), readableName(n)].filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());
    let best = Infinity;
    for (const name of names) {
      if (q.lower.length >= 3 && name.includes(q.lower)) best = Math.min(best, 1);
      else best = Math.min(best, distance(name, q.lower) + 1);
    }
    if (best <= Math.max(2, Math.floor(q.lower.length / 3)) + 1) scored.push({ node: n, score: best });
  }
  return scored.sort((a, b) => a.score - b.score || a.node.id - b.node.id).slice(0, 5).map((s) => s.node);
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
