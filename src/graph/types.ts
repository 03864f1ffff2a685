// Dependency graph types: nodes for resources and deployments, typed edges with source locations.
import type { ResourceDecl, TemplateScope } from "../model/types.js";
import type { Span } from "../diagnostics.js";

export type NodeKind = "resource" | "deployment" | "deployment-start";

export interface GraphNode {
  id: number;
  kind: NodeKind;
  decl: ResourceDecl;
  /** Canonical, lowercased identity (scope + type + name segments); symbolic parts are tokens. */
  identity: string;
  /** Readable resource id (`.../providers/Microsoft.KeyVault/vaults/{parameters('kv')}`). */
  displayId: string;
  /** Full resource type as written (case kept). */
  type: string;
  /** Readable name (`{parameters('account')}/kv-connection`). */
  displayName: string;
  /** Name segments, canonical. */
  nameSegments: string[];
  /** The enclosing deployment node (end node), undefined at the root. */
  deployment: GraphNode | undefined;
  /** For deployments: the start node that carries the deployment's own dependencies. */
  start: GraphNode | undefined;
  /** For a start node: the deployment it belongs to. */
  owner: GraphNode | undefined;
  existing: boolean;
  conditional: boolean;
  /** Copy loop: name and count (canonical value text or number). */
  copy: { name: string; count: number | string } | undefined;
  out: Edge[];
  in: Edge[];
  /** Resources this resource uses (by id, reference, list*, scope, parent name). */
  uses: Use[];
}

export type EdgeKind =
  /** `dependsOn` entry. */
  | "explicit"
  /** `reference()`/`list*()` by name or symbol, or a module output read. */
  | "implicit"
  /** A deployment waits for what it contains. */
  | "contains"
  /** What a deployment contains waits for the deployment's own dependencies. */
  | "inherits";

export interface Edge {
  from: GraphNode;
  to: GraphNode;
  kind: EdgeKind;
  /** Where the edge comes from in the source. */
  file: string;
  span: Span;
  /** e.g. the dependsOn entry text, or `reference(...)`. */
  label: string;
}

export type UseKind = "resourceId" | "reference" | "list" | "scope" | "parent" | "output";

export interface Use {
  target: GraphNode;
  kind: UseKind;
  file: string;
  span: Span;
  /** The expression text (or JSON path) that shows the use. */
  text: string;
}

/** An unresolved dependsOn entry. */
export interface DanglingDependency {
  from: GraphNode;
  file: string;
  span: Span;
  text: string;
  reason: string;
}

export interface DependencyGraph {
  nodes: GraphNode[];
  /** Real nodes (resources and deployment end nodes), no start nodes. */
  resources: GraphNode[];
  nodeOf(decl: ResourceDecl): GraphNode;
  scopeNodes(scope: TemplateScope): GraphNode[];
  dangling: DanglingDependency[];
  /** Does `from` wait for `to` (directly or transitively)? */
  reaches(from: GraphNode, to: GraphNode): boolean;
  /** The edges of one shortest path from `from` to `to`, or undefined. */
  path(from: GraphNode, to: GraphNode): Edge[] | undefined;
  /** Cycles (strongly connected components of size > 1, or self loops), each as nodes. */
  cycles(): GraphNode[][];
  /** Creation waves: wave i holds what can start once waves < i are done. */
  waves(): GraphNode[][];
  /** Nodes whose identity matches a (canonical) resource id string. */
  findById(identity: string): GraphNode[];
}
