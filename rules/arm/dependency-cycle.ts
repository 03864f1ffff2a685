// Rule arm/dependency-cycle: resources that wait for each other, which ARM rejects before deploying.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { Edge, GraphNode } from "../../src/graph/types.js";
import { readableName, realNode } from "../util.js";

// Scratch for hasCycle, reused from template to template (grown, never shrunk): no allocation per template.
let state = new Uint8Array(0);
let stackNodes = new Int32Array(0);
let stackEdges = new Int32Array(0);

/**
 * Does the graph have a cycle (a node that reaches itself, a self loop included)? An iterative depth-first search
 * with no allocation: most graphs have none, and then the rule needs no strongly connected components (the graph's
 * cycles() allocates per node). Nodes must be indexed by id; undefined when they are not (ask cycles()).
 */
function hasCycle(nodes: readonly GraphNode[]): boolean | undefined {
  const n = nodes.length;
  for (let i = 0; i < n; i++) if (nodes[i]!.id !== i) return undefined;
  if (state.length < n) {
    state = new Uint8Array(n);
    stackNodes = new Int32Array(n);
    stackEdges = new Int32Array(n);
  } else state.fill(0, 0, n);
  // state: 0 unvisited, 1 on the current path, 2 done.
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    let depth = 0;
    stackNodes[0] = root;
    stackEdges[0] = 0;
    state[root] = 1;
    while (depth >= 0) {
      const v = stackNodes[depth]!;
      const edges = nodes[v]!.out;
      const e = stackEdges[depth]!;
      if (e < edges.length) {
        stackEdges[depth] = e + 1;
        const w = edges[e]!.to.id;
        if (state[w] === 1) return true;
        if (state[w] === 0) {
          state[w] = 1;
          depth++;
          stackNodes[depth] = w;
          stackEdges[depth] = 0;
        }
        continue;
      }
      state[v] = 2;
      depth--;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: "arm/dependency-cycle",
    description: "Resources must not depend on each other in a cycle (through dependsOn, reference() or modules).",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/dependency-cycle"),
  },
  check(context) {
    const graph = context.analysis.graph;
    if (!graph || hasCycle(graph.nodes) === false) return;
    for (const cycle of graph.cycles()) {
      const members = new Set<GraphNode>(cycle);
      const inCycle = cycle.flatMap((n) => n.out).filter((e) => members.has(e.to));
      const anchor = inCycle.find((e) => e.kind === "explicit") ?? inCycle.find((e) => e.kind === "implicit") ?? inCycle[0];
      if (!anchor) continue;
      const back = anchor.from === anchor.to ? [] : (graph.path(anchor.to, anchor.from) ?? []);
      const loop: Edge[] = [anchor, ...back];
      // One entry per resource along the loop (a module's start and end nodes are one module), closed
      // by the first resource again.
      const chain: GraphNode[] = [];
      for (const e of loop) {
        const r = realNode(e.from);
        if (chain.at(-1) !== r) chain.push(r);
      }
      const first = realNode(anchor.from);
      if (chain.length > 1 && chain.at(-1) === first) chain.pop();
      chain.push(first);
      const names = chain.map((n) => readableName(n));
      const how = anchor.kind === "explicit" ? "dependsOn entry" : "reference";
      context.report({
        span: anchor.span,
        file: anchor.file,
        identity: realNode(anchor.from).identity,
        message: `Dependency cycle: ${names.map((n) => `'${n}'`).join(" → ")}. ARM rejects the template; remove this ${how} or another edge of the cycle.`,
        data: { cycle: cycle.map((n) => realNode(n).identity).sort().join(" ") },
      });
    }
  },
});
