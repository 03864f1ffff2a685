// Rule arm/missing-dependency: a resource uses another deployed resource with no dependency path to it (a race).
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { GraphNode, Use } from "../../src/graph/types.js";
import { addDependsOnFix, bicepReference, dependsOnEntry, isBicepGenerated, isInside, label, placement, realNode, waitNode } from "../util.js";

const HOW: Record<Use["kind"], string> = {
  resourceId: "refers to the id of",
  reference: "reads (reference()) from",
  list: "calls list*() on",
  scope: "is scoped to",
  parent: "is a child of",
  output: "reads an output of",
};

export default defineRule({
  meta: {
    id: "arm/missing-dependency",
    description: "A resource that uses another resource of the same deployment must depend on it (directly or transitively).",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/missing-dependency"),
    fixable: "code",
    hasSuggestions: true,
  },
  check(context) {
    const { analysis } = context;
    const graph = analysis.graph;
    if (!graph) return;
    const bicep = isBicepGenerated(analysis);
    // One finding per place a dependsOn entry is missing: a module passing an id to a resource
    // inside it would otherwise be reported for both.
    const placed = new Set<string>();
    for (const node of graph.resources) {
      if (node.existing) continue;
      const reported = new Set<GraphNode>();
      for (const use of node.uses) {
        const target = realNode(use.target);
        if (target === node || target.existing || reported.has(target)) continue;
        if (isInside(target, node) || isInside(node, target)) continue;
        if (graph.reaches(waitNode(node), target)) continue;
        // A target that already waits for this resource cannot also come first: that is how a
        // resource refers to its own children, not a race.
        if (graph.reaches(waitNode(target), node)) continue;
        const place = placement(node, target);
        if (!place) continue;
        reported.add(target);
        const placeKey = `${place.holder.id}:${place.target.id}`;
        if (placed.has(placeKey)) continue;
        placed.add(placeKey);
        const entry = dependsOnEntry(place.target, analysis);
        const where = place.holder === node ? "its dependsOn" : `the dependsOn of its enclosing module '${place.holder.displayName}'`;
        const targetText = place.target === target ? label(target) : `${label(place.target)} (which deploys ${label(target)})`;
        let message = `${label(node)} ${HOW[use.kind]} ${label(target)} but does not depend on it, so ARM may deploy them in parallel. Add ${JSON.stringify(entry)} to ${where} to wait for ${targetText}.`;
        if (bicep) message += ` In the Bicep source, reference the resource symbolically or add \`dependsOn: [${bicepReference(place.target)}]\`${place.holder === node ? "" : ` to module '${bicepReference(place.holder)}'`}.`;
        const description = `Add ${JSON.stringify(entry)} to the dependsOn of ${label(place.holder)}`;
        const fix = bicep ? undefined : addDependsOnFix(place.holder.decl, entry, analysis, description);
        context.report({
          span: use.span,
          file: use.file,
          identity: node.identity,
          message,
          data: { target: target.identity, holder: place.holder.identity, entry },
          ...(fix ? { fix } : {}),
          suggestions: [{ description, ...(fix ? { fix } : {}) }],
        });
      }
    }
  },
});
