// Render graph types: the documented, stable shape behind every graph format (and `--format json`, see schemas/graph.schema.json).
import type { Severity } from "../diagnostics.js";

/** Version of the JSON shape; bumped only for incompatible changes (new optional fields keep it). */
export const GRAPH_FORMAT_VERSION = 1;

export type RenderNodeKind = "resource" | "module";

/** How a dependency edge arises. */
export type RenderEdgeKind =
  /** A `dependsOn` entry. */
  | "explicit"
  /** `reference()` / `list*()` by name or symbol, or a module output read (`via` says which). */
  | "implicit"
  /** A module contains the node (the module finishes after it). */
  | "contains"
  /** A missing dependency reported by `arm/missing-dependency`: the edge the template should have. */
  | "missing";

export type ImplicitVia = "reference" | "list" | "output";

export interface RenderCopy {
  name: string;
  /** The loop count: a number, or the count expression's readable text. */
  count: number | string;
}

export interface RenderNode {
  /** Unique within the document (`n0`, `n1`, … in source order); stable for the same template. */
  id: string;
  kind: RenderNodeKind;
  /** Resource type as written (`Microsoft.Resources/deployments` for modules). */
  type: string;
  /** Readable name: the evaluated name, `{…}` around parts only known at deployment time. */
  name: string;
  /** languageVersion 2.0 symbolic name. */
  symbolicName: string | null;
  /** Short label the drawings show. */
  label: string;
  /** JSON path with the module chain: `resources[5].properties.template.resources[0]`. */
  path: string;
  /** Canonical, lowercased resource identity (what findings and `armlint diff` match on). */
  identity: string;
  /** File that declares it (relative to the working folder); differs from the root file for linked templates. */
  file: string;
  line: number;
  column: number;
  /** Id of the enclosing module node, or null at the root. */
  module: string | null;
  existing: boolean;
  /** The condition as written when the resource is conditional. */
  condition: string | null;
  copy: RenderCopy | null;
  /** 1-based creation wave (as `armlint plan`); null for a node in a dependency cycle. */
  wave: number | null;
  /** Indexes into `findings` of the findings located in this node. */
  findings: number[];
  /** The most severe of those findings. */
  severity: Severity | null;
  /** Id of the group (Foundry connections of one parent) the node belongs to. */
  group: string | null;
  /** With `--focus`: edges from the focused node; null for an enclosing module shown only as a frame. */
  distance?: number | null;
  /** With `--focus`: neighbours left out of the picture. */
  hidden?: number;
}

export interface RenderEdge {
  /** The node that waits. */
  from: string;
  /** The node waited for (created first). */
  to: string;
  kind: RenderEdgeKind;
  /** For implicit edges: a `reference()`, a `list*()` call, or a module output read. */
  via: ImplicitVia | null;
  /** The source text behind the edge (the dependsOn entry, the expression), or the entry to add for `missing`. */
  text: string;
  /** Where the edge comes from (null when it has no single place: containment). */
  file: string | null;
  line: number | null;
  column: number | null;
  /** For `missing` edges: index into `findings`. */
  finding: number | null;
}

export type RenderGroupKind = "foundry-connections";

export interface RenderGroup {
  id: string;
  kind: RenderGroupKind;
  label: string;
  /** Node id of the Foundry resource (account), when the template declares it. */
  account: string | null;
  /** Readable name of the parent (project or account) the connections hang on. */
  parent: string;
  members: string[];
}

export interface RenderFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  /** Node the finding is located in, or null for a template-level finding. */
  node: string | null;
  docsUrl: string | null;
}

export interface RenderWave {
  wave: number;
  nodes: string[];
}

export interface RenderFocus {
  node: string;
  depth: number;
}

export interface RenderStats {
  /** Counts for the whole template (also when `--focus` shows a part). */
  resources: number;
  modules: number;
  edges: number;
  findings: number;
}

export interface RenderGraph {
  format: "armlint-graph";
  version: typeof GRAPH_FORMAT_VERSION;
  /** The template (relative to the working folder). */
  file: string;
  focus: RenderFocus | null;
  nodes: RenderNode[];
  edges: RenderEdge[];
  groups: RenderGroup[];
  findings: RenderFinding[];
  waves: RenderWave[];
  stats: RenderStats;
}
