// Resource matching across two template versions: by canonical identity (type + name + scope), never by position.
import type { Analysis } from "../analyze.js";
import type { Engine } from "../graph/engine.js";
import type { GraphNode } from "../graph/types.js";
import type { ResourceMatch, Side } from "./types.js";

interface VersionIndex {
  /** Every resource declaration by identity (source order). */
  declarations: Map<string, GraphNode[]>;
  /** The first deployed declaration of each identity the version deploys. */
  deployed: Map<string, GraphNode>;
}

/**
 * Matches the resources (not modules) of two versions by identity. Symbolic names, module names and
 * order do not matter: a resource renamed symbolically, moved, or moved into a module that names it the
 * same way is the same resource. An undefined analysis deploys nothing.
 */
export function matchResources(before: Analysis | undefined, after: Analysis | undefined): ResourceMatch {
  const b = indexVersion(before);
  const a = indexVersion(after);
  const removed: GraphNode[] = [];
  const kept: { before: GraphNode; after: GraphNode }[] = [];
  for (const [identity, node] of b.deployed) {
    const other = a.deployed.get(identity);
    if (other === undefined) removed.push(node);
    else kept.push({ before: node, after: other });
  }
  const added = [...a.deployed].filter(([identity]) => !b.deployed.has(identity)).map(([, node]) => node);
  const index = (side: Side): VersionIndex => (side === "before" ? b : a);
  return {
    removed,
    added,
    kept,
    deploys: (side, identity) => index(side).deployed.has(identity),
    declarations: (side, identity) => index(side).declarations.get(identity) ?? [],
  };
}

function indexVersion(analysis: Analysis | undefined): VersionIndex {
  const declarations = new Map<string, GraphNode[]>();
  const deployed = new Map<string, GraphNode>();
  const graph = analysis?.graph;
  const engine = analysis?.engine;
  if (graph === undefined || engine === undefined) return { declarations, deployed };
  for (const node of graph.resources) {
    if (node.kind !== "resource") continue;
    const list = declarations.get(node.identity);
    if (list === undefined) declarations.set(node.identity, [node]);
    else list.push(node);
    if (!deployed.has(node.identity) && deploysNode(node, engine)) deployed.set(node.identity, node);
  }
  return { declarations, deployed };
}

/** Deployed by its template: not `existing`, and neither it nor an enclosing module has a condition known to be false. */
export function deploysNode(node: GraphNode, engine: Engine): boolean {
  if (node.existing) return false;
  for (let cur: GraphNode | undefined = node; cur !== undefined; cur = cur.deployment) {
    const condition = cur.decl.condition;
    if (condition !== undefined && engine.evaluate(condition, cur.decl, cur.decl.scope) === false) return false;
  }
  return true;
}
