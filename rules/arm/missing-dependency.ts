// Rule arm/missing-dependency: a resource uses another deployed resource with no dependency path to it (a race).
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { GraphNode, Use } from "../../src/graph/types.js";
import { addDependsOnFix, bicepReference, dependsOnEntry, exclusiveConditions, isBicepGenerated, isInside, label, neverDeploys, placement, readableName, realNode, waitNode } from "../util.js";

const HOW: Record<Use["kind"], string> = {
  resourceId: "refers to the id of",
  reference: "reads (reference()) from",
  list: "calls list*() on",
  scope: "is scoped to",
  parent: "is a child of",
  output: "reads an output of",
};

/**
 * What a use does, told as precisely as the uses at the same place allow: `reference(resourceId(...))`
 * gives a resourceId use and a reference use of one string; the message should say it reads the resource.
 */
function useKind(use: Use, uses: readonly Use[]): Use["kind"] {
  if (use.kind !== "resourceId") return use.kind;
  const target = realNode(use.target);
  const same = uses.find((u) => u.kind !== "resourceId" && realNode(u.target) === target && u.file === use.file && u.span.offset === use.span.offset && u.span.length === use.span.length);
  return same?.kind ?? use.kind;
}

/** The uses at one place of one file (one expression's span): the resources they name, and whether the resource already waits for one. */
interface Site {
  readonly file: string;
  readonly length: number;
  readonly ids: Set<string>;
  waited: boolean;
}

/** Places by span offset (then file and length): numbers, not a string key per use. */
type Sites = Map<number, Site[]>;

function siteOf(sites: Sites, use: Use): Site | undefined {
  const list = sites.get(use.span.offset);
  if (list === undefined) return undefined;
  for (const site of list) if (site.file === use.file && site.length === use.span.length) return site;
  return undefined;
}

/**
 * Places where one expression names several different resources, because the engine cannot tell the
 * name (an element of an array parameter nobody passed, a copy index that could be anything) and so
 * matches resources of that type by pattern. When the resource already waits for one of them, that is
 * the one it meant; when the expression matches more than two, it says nothing about which one it
 * needs. Either way the place is not reported. `waited[i]`: the resource waits for the target of its
 * use `i` (or is it). Undefined when there is no such place (most resources).
 */
function ambiguousSites(node: GraphNode, targets: readonly GraphNode[], waited: readonly boolean[]): Sites | undefined {
  if (!sharesOffset(node.uses)) return undefined;
  const sites: Sites = new Map();
  let several = false;
  for (let i = 0; i < node.uses.length; i++) {
    const use = node.uses[i]!;
    if (use.kind === "parent") continue;
    const target = targets[i]!;
    let site = siteOf(sites, use);
    if (site === undefined) {
      site = { file: use.file, length: use.span.length, ids: new Set<string>(), waited: false };
      const list = sites.get(use.span.offset);
      if (list === undefined) sites.set(use.span.offset, [site]);
      else list.push(site);
    }
    site.ids.add(target.identity);
    if (site.ids.size > 1) several = true;
    if (waited[i] === true) site.waited = true;
  }
  if (!several) return undefined;
  const ambiguous: Sites = new Map();
  for (const [offset, list] of sites) {
    const kept = list.filter((site) => site.ids.size > 2 || (site.ids.size > 1 && site.waited));
    if (kept.length > 0) ambiguous.set(offset, kept);
  }
  return ambiguous.size > 0 ? ambiguous : undefined;
}

/**
 * Do two of the uses (parent uses left out) start at one offset? A place names several resources only then, and
 * most resources have no such pair: their places need no map.
 */
function sharesOffset(uses: readonly Use[]): boolean {
  let first = -1;
  let offsets: Set<number> | undefined;
  for (const use of uses) {
    if (use.kind === "parent") continue;
    const offset = use.span.offset;
    if (first < 0) {
      first = offset;
      continue;
    }
    if (offset === first) return true;
    offsets ??= new Set([first]);
    if (offsets.has(offset)) return true;
    offsets.add(offset);
  }
  return false;
}

type Ordered = (node: GraphNode, target: GraphNode) => boolean;

/** Whether a resource waits for (or is) a use's target. */
function isWaitedFor(node: GraphNode, target: GraphNode, ordered: Ordered): boolean {
  return target === node || (!target.existing && ordered(node, target));
}

/** The index of the first use of another deployed (not `existing`) resource that the resource does not wait for; -1 when none. */
function firstUnwaitedUse(node: GraphNode, ordered: Ordered): number {
  for (let i = 0; i < node.uses.length; i++) {
    const target = realNode(node.uses[i]!.target);
    if (target !== node && !target.existing && !ordered(node, target)) return i;
  }
  return -1;
}

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
    let placed: Set<string> | undefined;
    /** Is `target` ordered with `node` already (containment, a dependency path either way)? */
    const ordered = (node: GraphNode, target: GraphNode): boolean =>
      isInside(target, node) ||
      isInside(node, target) ||
      graph.reaches(waitNode(node), target) ||
      // A target that already waits for this resource cannot also come first: that is how a
      // resource refers to its own children, not a race.
      graph.reaches(waitNode(target), node);
    // Indexed: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator and its results.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let r = 0; r < graph.resources.length; r++) {
      const node = graph.resources[r]!;
      // A resource that uses nothing has nothing to report.
      if (node.existing || node.uses.length === 0) continue;
      let reported: Set<GraphNode> | undefined;
      // A resource that waits for every deployed resource it uses (most) has nothing to report: no arrays or sets
      // are made for it (the loop below skips uses of itself, of `existing` resources and of what it waits for).
      const firstUnwaited = firstUnwaitedUse(node, ordered);
      if (firstUnwaited < 0) continue;
      // Whether the resource waits for (or is) the target of each use: found once per use, shared with ambiguousSites.
      // Before the first unwaited use, each target is the resource, `existing` (not waited for) or waited for.
      const targets: GraphNode[] = [];
      const waited: boolean[] = [];
      for (let i = 0; i < node.uses.length; i++) {
        const target = realNode(node.uses[i]!.target);
        targets.push(target);
        waited.push(i < firstUnwaited ? target === node || !target.existing : i > firstUnwaited && isWaitedFor(node, target, ordered));
      }
      // An id declared more than once (the same resource in mutually exclusive modules or under
      // exclusive conditions) is one resource: waiting for the declaration that deploys with this
      // one is enough, and a use of this resource's own id names no other resource.
      const satisfied = new Set<string>([node.identity]);
      for (let i = 0; i < targets.length; i++) if (waited[i] === true) satisfied.add(targets[i]!.identity);
      const ambiguous = ambiguousSites(node, targets, waited);
      for (let i = 0; i < node.uses.length; i++) {
        const use = node.uses[i]!;
        const target = targets[i]!;
        if (target === node || target.existing || reported?.has(target) === true) continue;
        if (satisfied.has(target.identity) || (ambiguous !== undefined && siteOf(ambiguous, use) !== undefined)) continue;
        const place = placement(node, target);
        if (!place) continue;
        // Declarations that never deploy together (a child of the VNet the template creates only
        // when it does not reuse one, say) do not race.
        if (exclusiveConditions(node.decl, target.decl, analysis) || exclusiveConditions(place.holder.decl, place.target.decl, analysis)) continue;
        // Nor does a resource race with anything when one of them deploys nothing at all.
        if (neverDeploys(node, analysis.engine) || neverDeploys(target, analysis.engine)) continue;
        (reported ??= new Set()).add(target);
        const placeKey = `${place.holder.id}:${place.target.id}`;
        if (placed?.has(placeKey) === true) continue;
        (placed ??= new Set<string>()).add(placeKey);
        const entry = dependsOnEntry(place.target, analysis);
        const where = place.holder === node ? "its dependsOn" : `the dependsOn of its enclosing module '${readableName(place.holder)}'`;
        const targetText = place.target === target ? label(target) : `${label(place.target)} (which deploys ${label(target)})`;
        let message = `${label(node)} ${HOW[useKind(use, node.uses)]} ${label(target)} but does not depend on it, so ARM may deploy them in parallel. Add ${JSON.stringify(entry)} to ${where} to wait for ${targetText}.`;
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
