// Rule arm/dependency-cycle: resources that wait for each other, which ARM rejects before deploying.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { Edge, GraphNode } from "../../src/graph/types.js";
import { readableName, realNode } from "../util.js";

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
    if (!graph) return;
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
