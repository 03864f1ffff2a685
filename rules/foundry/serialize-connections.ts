// Rule foundry/serialize-connections: connections of one project (or of the Foundry resource) created in parallel fail with 409 Conflict.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { GraphNode } from "../../src/graph/types.js";
import {
  connectionSite,
  connectionsByParent,
  dependencyHint,
  fileOf,
  foundryModel,
  hintSuggestion,
  hintText,
  mutuallyExclusive,
  parallelLoop,
  prerequisites,
  type Connection,
  type DependencyHint,
  type FoundryModel,
} from "./domain.js";

const ID = "foundry/serialize-connections";

export default defineRule({
  meta: {
    id: ID,
    description: "Connections of the same project (or of the Foundry resource itself) must be chained with dependsOn: the service rejects concurrent connection creation.",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor(ID),
    hasSuggestions: true,
  },
  check(context) {
    const fm = foundryModel(context.analysis);
    if (fm === undefined) return;
    // Indexed: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator even for no connections (most templates).
    for (let l = 0, lists = connectionsByParent(fm.connections); l < lists.length; l++) {
      const list = lists[l]!;
      const unordered = chainGaps(fm, list);
      for (const c of list) {
        const loop = parallelLoop(fm, c.node);
        const gaps = unordered.get(c) ?? [];
        if (loop === undefined && gaps.length === 0) continue;
        const owner = c.level === "project" ? `project '${c.parentName}'` : `Foundry resource '${c.account.name}'`;
        const parts: string[] = [];
        const hints: DependencyHint[] = [];
        if (loop !== undefined) {
          const where = loop === c.node ? "its copy loop" : `the copy loop of module '${loop.decl.symbolicName ?? loop.displayName}'`;
          parts.push(
            `Connection '${c.name}' of ${owner} is created by ${where} (count ${String(loop.copy?.count ?? "?")}) with its instances in parallel, and the service rejects concurrent connection creation on one project (409 Conflict). ` +
              `Set "mode": "serial" and "batchSize": 1 in the copy block${fm.bicep ? " (in Bicep: @batchSize(1))" : ""}.`,
          );
        }
        for (const sibling of gaps) {
          const hint = dependencyHint(fm, c.node, sibling.node, `Make connection '${c.name}' depend on connection '${sibling.name}'`);
          if (hint !== undefined) hints.push(hint);
          parts.push(
            `Connection '${c.name}' and connection '${sibling.name}' of ${owner} have no dependency between them, so ARM creates them in parallel and the service rejects concurrent connection creation on one project (409 Conflict).` +
              (hint !== undefined ? ` Chain them: ${hintText(fm, hint, [hint.bicepName])}.` : ""),
          );
        }
        const file = fileOf(fm, c.node);
        context.report({
          node: connectionSite(c.node),
          ...(file !== undefined ? { file } : {}),
          identity: c.node.identity,
          message: parts.join(" "),
          data: {
            account: c.account.name,
            parent: c.parentName,
            connection: c.name,
            ...(gaps.length > 0 ? { sibling: gaps.map((g) => g.name).join(", ") } : {}),
            ...(hints.length > 0 ? { entry: hints.map((h) => h.entry).join(", ") } : {}),
          },
          ...(hints.length > 0 ? { suggestions: hints.map(hintSuggestion) } : {}),
        });
      }
    }
  },
});

/**
 * For each connection of one parent, the earlier siblings it must be chained to: walking `sorted` (source order),
 * a connection with no dependency path either way to some earlier sibling gets an entry on the nearest
 * such sibling, and that entry counts as a dependency for the connections after it, so one missing link
 * is reported once. The Key Vault entries the other foundry rules ask for count as made too.
 */
function chainGaps(fm: FoundryModel, sorted: readonly Connection[]): Map<Connection, Connection[]> {
  const virtual = new Map<GraphNode, GraphNode[]>();
  // Count the entries connection-depends-on-key-vault(-access) ask for as made, so a missing link is reported once.
  for (const c of sorted) {
    const p = prerequisites(fm, c);
    const planned = [p.keyVault?.keyVaultConnection.node, p.grant?.grant.node].filter((n): n is GraphNode => n !== undefined);
    if (planned.length > 0) virtual.set(c.node, planned);
  }
  const nodes = sorted.map((c) => c.node);
  const reach = (from: GraphNode, to: GraphNode): boolean => {
    if (fm.graph.reaches(from, to)) return true;
    const seen = new Set<GraphNode>([from]);
    const queue = [from];
    // The queue grows while it is walked: for-of sees the new items.
    for (const n of queue) {
      const next = [...(virtual.get(n) ?? []), ...nodes.filter((s) => s !== n && fm.graph.reaches(n, s))];
      for (const s of next) {
        if (seen.has(s)) continue;
        if (s === to || fm.graph.reaches(s, to)) return true;
        seen.add(s);
        queue.push(s);
      }
    }
    return false;
  };
  const out = new Map<Connection, Connection[]>();
  sorted.forEach((c, j) => {
    const added: Connection[] = [];
    for (;;) {
      const gaps = sorted
        .slice(0, j)
        .filter((s) => s.node.identity !== c.node.identity && !mutuallyExclusive(fm, s.node, c.node))
        .filter((s) => !reach(c.node, s.node) && !reach(s.node, c.node));
      const nearest = gaps.at(-1);
      if (nearest === undefined) break;
      added.push(nearest);
      const list = virtual.get(c.node) ?? [];
      list.push(nearest.node);
      virtual.set(c.node, list);
    }
    if (added.length > 0) out.set(c, added);
  });
  return out;
}
