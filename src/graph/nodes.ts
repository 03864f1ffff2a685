// Graph node helpers shared by rules and renderers: a deployment's end and start nodes, and module ancestry.
import type { GraphNode } from "./types.js";

/** The node a start node stands for (a deployment's start node is the deployment). */
export function realNode(n: GraphNode): GraphNode {
  return n.owner ?? n;
}

/** The node a resource's own dependencies hang on (a deployment's start node). */
export function waitNode(n: GraphNode): GraphNode {
  return n.start ?? n;
}

/** The node and its enclosing modules, innermost first. */
export function ancestry(n: GraphNode): GraphNode[] {
  const out: GraphNode[] = [];
  for (let cur: GraphNode | undefined = realNode(n); cur; cur = cur.deployment) out.push(cur);
  return out;
}
