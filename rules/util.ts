// Helpers shared by built-in rules: placement of dependsOn entries across modules, labels, spans inside strings, conditions.
import { ancestry, realNode, waitNode } from "../src/graph/nodes.js";
import type { Analysis } from "../src/analyze.js";
import type { Engine } from "../src/graph/engine.js";
import { addDependsOnFix as fixFor, dependsOnEntry as entryFor } from "./entries.js";
import type { Fix, Span } from "../src/diagnostics.js";
import type { JsonString } from "../src/load/json.js";
import { parsedExpression } from "../src/expressions/evaluate.js";
import { printExpression } from "../src/expressions/print.js";
import { stringValueIndexToOffset } from "../src/load/strings.js";
import type { GraphNode } from "../src/graph/types.js";
import type { Expr } from "../src/expressions/ast.js";
import type { ResourceDecl } from "../src/model/types.js";

export { ancestry, realNode, waitNode };

/** Was this template emitted by Bicep (its JSON is regenerated from `.bicep` source)? */
export function isBicepGenerated(analysis: Analysis): boolean {
  return analysis.model?.root.generator?.toLowerCase() === "bicep";
}

/** Span of a part of an expression string (`start`..`end` index into the string's value). */
export function spanInString(analysis: Analysis, node: JsonString, start: number, end: number): Span {
  const text = analysis.source?.text;
  if (text === undefined) return { offset: node.offset, length: node.length };
  const from = stringValueIndexToOffset(text, node, start);
  const to = stringValueIndexToOffset(text, node, Math.max(start, end));
  return { offset: from, length: Math.max(1, to - from) };
}

/** Is `inner` inside deployment `outer` (at any depth)? */
export function isInside(inner: GraphNode, outer: GraphNode): boolean {
  for (let cur = realNode(inner).deployment; cur; cur = cur.deployment) if (cur === outer) return true;
  return false;
}

/**
 * Where a dependsOn from `from` on `to` must go: the outermost ancestors of both that are declared in
 * the same template. `holder` gets the entry; `target` is what it names.
 */
export function placement(from: GraphNode, to: GraphNode): { holder: GraphNode; target: GraphNode } | undefined {
  const a = ancestry(from);
  const b = ancestry(to);
  for (const x of a) {
    const y = b.find((n) => n.decl.scope === x.decl.scope);
    if (y) return { holder: x, target: y };
  }
  return undefined;
}

/** The dependsOn entry naming `target`, in its template's style (symbolic name, or a resourceId expression). */
export function dependsOnEntry(target: GraphNode, analysis: Analysis): string {
  return entryFor(analysis, realNode(target).decl);
}

/** The Bicep spelling of a reference to `target` (its symbolic name when known). */
export function bicepReference(target: GraphNode): string {
  const decl = realNode(target).decl;
  return decl.symbolicName ?? realNode(target).displayName;
}

/** A text edit adding `entry` to a resource's dependsOn (creating the property when absent). */
export function addDependsOnFix(decl: ResourceDecl, entry: string, analysis: Analysis, description: string): Fix | undefined {
  return fixFor(analysis, decl, entry, description);
}

/** Readable label of a node for messages: `type 'name'`. */
export function label(n: GraphNode): string {
  const r = realNode(n);
  const kind = r.kind === "deployment" ? "module" : r.type;
  return `${kind} '${readableName(r)}'`;
}

/**
 * A node's name for messages: its evaluated name, or the name expression as written when the
 * evaluated form had to be shortened (long symbolic names are compacted with a hash).
 */
export function readableName(n: GraphNode): string {
  const r = realNode(n);
  if (!r.displayName.includes("…#")) return r.displayName;
  const node = r.decl.nameNode;
  return node?.type === "string" ? node.value : r.displayName;
}

/** The conjuncts of a condition: `and(a, and(b, c))` → a, b, c. */
function conjuncts(e: Expr): Expr[] {
  if (e.kind === "call" && e.namespace === undefined && e.name.toLowerCase() === "and") return e.args.flatMap(conjuncts);
  return [e];
}

/** `not(x)` → x. */
function negated(e: Expr): Expr | undefined {
  return e.kind === "call" && e.namespace === undefined && e.name.toLowerCase() === "not" && e.args.length === 1 ? e.args[0] : undefined;
}

/** `equals(x, 'lit')` or `equals('lit', x)` → the printed x and the literal (lowercased). */
function equalsLiteral(e: Expr): { subject: string; literal: string } | undefined {
  if (e.kind !== "call" || e.namespace !== undefined || e.name.toLowerCase() !== "equals" || e.args.length !== 2) return undefined;
  const [a, b] = e.args as [Expr, Expr];
  if (b.kind === "string" && a.kind !== "string") return { subject: printExpression(a).toLowerCase(), literal: b.value.toLowerCase() };
  if (a.kind === "string" && b.kind !== "string") return { subject: printExpression(b).toLowerCase(), literal: a.value.toLowerCase() };
  return undefined;
}

function conditionConjuncts(decl: ResourceDecl, analysis: Analysis): Expr[] | undefined {
  const c = decl.condition;
  if (c?.type !== "string") return undefined;
  const parsed = parsedExpression(c, analysis.model?.parsed);
  return parsed.ok ? conjuncts(parsed.expr) : undefined;
}

/**
 * Does this resource certainly deploy nothing? Its copy count, or an enclosing module's, is 0, or its
 * condition, or an enclosing module's, is false. Bicep's optional arrays do this: a module loop over
 * `coalesce(parameters('storages'), [])` that its caller does not pass `storages` deploys nothing.
 */
export function neverDeploys(node: GraphNode, engine: Engine | undefined): boolean {
  for (let n: GraphNode | undefined = node; n !== undefined; n = n.deployment) {
    if (n.copy?.count === 0) return true;
    const condition = n.decl.condition;
    if (condition !== undefined && engine?.evaluate(condition, n.decl, n.decl.scope) === false) return true;
  }
  return false;
}

/**
 * Can two declarations of one template never deploy together? True only when their conditions
 * visibly exclude each other: one requires `x` and the other `not(x)`, or they require `x` to equal
 * different literals (`equals(parameters('mode'), 'new')` / `... 'existing')`), within `and(...)`.
 */
export function exclusiveConditions(a: ResourceDecl, b: ResourceDecl, analysis: Analysis): boolean {
  if (a.scope !== b.scope) return false;
  const ca = conditionConjuncts(a, analysis);
  const cb = conditionConjuncts(b, analysis);
  if (ca === undefined || cb === undefined) return false;
  const printed = (e: Expr): string => printExpression(e).toLowerCase();
  for (const x of ca) {
    for (const y of cb) {
      const nx = negated(x);
      const ny = negated(y);
      if (nx !== undefined && printed(nx) === printed(y)) return true;
      if (ny !== undefined && printed(ny) === printed(x)) return true;
      const ex = equalsLiteral(x);
      const ey = equalsLiteral(y);
      if (ex && ex.subject === ey?.subject && ex.literal !== ey.literal) return true;
    }
  }
  return false;
}
