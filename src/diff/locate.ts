// Where a change finding sits: on the after version where the resource is still declared, else on the before version.
import type { JsonNode } from "../load/json.js";
import type { GraphNode } from "../graph/types.js";
import type { ChangeContext, Side } from "./types.js";

export interface ChangeSite {
  side: Side;
  /** The declaration the finding points at, in that side's analysis. */
  node: GraphNode;
}

/**
 * The declaration a finding about `identity` points at: the after version's first declaration with that
 * identity (an `existing` one, or one whose condition is false, counts: the resource is still written
 * there), else `before` (the declaration in the before version).
 */
export function changeSite(context: ChangeContext, identity: string, before: GraphNode): ChangeSite {
  const after = context.resources.declarations("after", identity)[0];
  return after === undefined ? { side: "before", node: before } : { side: "after", node: after };
}

/** The `side` / `node` / `file` part of a report pointing at `json` in the declaration of `site`. */
export function siteDescriptor(context: ChangeContext, site: ChangeSite, json: JsonNode): { side: Side; node: JsonNode; file?: string } {
  const version = site.side === "before" ? context.before : context.after;
  const declaredIn = site.node.decl.scope.file;
  const own = version.analysis === undefined || declaredIn === version.analysis.file;
  return own ? { side: site.side, node: json } : { side: site.side, node: json, file: declaredIn };
}
