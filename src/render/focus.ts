// `--focus RESOURCE --depth N`: the neighbourhood of one node, with its enclosing modules as frames.
import type { DependencyGraph, GraphNode } from "../graph/types.js";
import type { RenderEdgeKind } from "./model.js";

export interface FocusEdge {
  from: GraphNode;
  to: GraphNode;
  edge: { kind: RenderEdgeKind };
}

/**
 * Nodes within `depth` steps of `focus`, with their distance. A step follows a dependency either way
 * (explicit, implicit, missing) or goes from a module to what it contains. The enclosing modules of every
 * node reached are added as frames (distance null) so the picture keeps its nesting.
 */
export function neighbourhood(graph: DependencyGraph, focus: GraphNode, depth: number, edges: readonly FocusEdge[]): Map<GraphNode, number | null> {
  const adjacent = new Map<GraphNode, GraphNode[]>();
  const link = (a: GraphNode, b: GraphNode): void => {
    const list = adjacent.get(a);
    if (list === undefined) adjacent.set(a, [b]);
    else list.push(b);
  };
  for (const { from, to, edge } of edges) {
    if (from === to) continue;
    link(from, to);
    if (edge.kind !== "contains") link(to, from);
  }
  const distance = new Map<GraphNode, number | null>([[focus, 0]]);
  let frontier = [focus];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: GraphNode[] = [];
    for (const n of frontier) {
      for (const m of adjacent.get(n) ?? []) {
        if (distance.has(m)) continue;
        distance.set(m, d);
        next.push(m);
      }
    }
    frontier = next;
  }
  for (const n of [...distance.keys()]) {
    for (let m = n.deployment; m !== undefined; m = m.deployment) if (!distance.has(m)) distance.set(m, null);
  }
  // Keep the graph's order (source order) for stable output.
  return new Map(graph.resources.filter((n) => distance.has(n)).map((n) => [n, distance.get(n)!]));
}
