// Template model types: the ARM template structure (scopes, declarations, resources) read from the JSON tree.
import type { JsonNode, JsonObject, JsonProperty, JsonString } from "../load/json.js";
import type { Expr } from "../expressions/ast.js";
import type { ParseCache } from "../expressions/evaluate.js";

/** Which deployment scope a template targets, from its `$schema`. */
export type TargetScope = "resourceGroup" | "subscription" | "managementGroup" | "tenant";

export interface ParameterDecl {
  name: string;
  node: JsonObject | undefined;
  keyOffset: number;
  type: string | undefined;
  defaultValue: JsonNode | undefined;
}

export interface VariableDecl {
  name: string;
  /** The variable's value node; for a variable copy (`copy: [{name, count, input}]`) the copy entry object. */
  value: JsonNode;
  keyOffset: number;
  copy: boolean;
}

export interface FunctionDecl {
  /** `namespace.member`, lowercased. */
  key: string;
  namespace: string;
  name: string;
  parameters: string[];
  output: JsonNode | undefined;
  node: JsonObject;
}

export interface OutputDecl {
  name: string;
  node: JsonObject;
  value: JsonNode | undefined;
  keyOffset: number;
}

/** A parsed expression string found in the template, with where it sits. */
export interface ExpressionSite {
  node: JsonString;
  scope: TemplateScope;
  /** The resource whose body contains the string, if any. */
  resource: ResourceDecl | undefined;
  /** JSON path from the template root of `scope` (for messages). */
  readonly path: string;
  /** Inside a user-defined function's body, where parameters() are the function's own. */
  readonly inFunction: boolean;
  result: { ok: true; expr: Expr } | { ok: false; message: string; start: number; end: number };
}

/** One template body: the root template or an inline nested template, at any depth. */
export interface TemplateScope {
  id: number;
  json: JsonObject;
  parent: TemplateScope | undefined;
  /** The deployment resource that holds this template (undefined for the root). */
  deployment: ResourceDecl | undefined;
  /** `inner` for Bicep modules: own parameters; `outer`: sees the parent's parameters/variables. */
  evaluation: "inner" | "outer";
  languageVersion: string | undefined;
  symbolic: boolean;
  targetScope: TargetScope;
  schema: string | undefined;
  generator: string | undefined;
  parameters: Map<string, ParameterDecl>;
  variables: Map<string, VariableDecl>;
  functions: Map<string, FunctionDecl>;
  resources: ResourceDecl[];
  outputs: Map<string, OutputDecl>;
  /** The file that holds this template (differs from the root's for linked templates loaded from disk). */
  file: string;
  /**
   * Expression keys and copy values noted while collecting the scope's expression sites; undefined when it has
   * none. Read it through `templateKeys()` (src/model/build.ts). Kept on the scope rather than in a module-level
   * WeakMap keyed by it: a field dies with its scope, while module-level WeakMaps keyed by per-file objects were
   * measured keeping files' data alive through young-generation collections (until a full collection).
   */
  notedKeys: TemplateKeys | undefined;
}

/**
 * What a scope's JSON holds besides expression strings, noted while collecting its sites (the walk visits
 * every container anyway; rules/expression-util.ts `templateJson` answers from this rather than walking the
 * template again). Both lists follow the order of a last-in-first-out walk from the scope's root: containers
 * in pre-order with children last to first, the keys of one object first to last.
 */
export interface TemplateKeys {
  /** Properties whose keys are expressions (`"[parameters('id')]": {}`), leaving out nested templates that are scopes. */
  readonly expressionKeys: JsonProperty[];
  /** Values of `copy` keys (any casing), leaving out every object under a `template` key (and what it holds). */
  readonly copies: JsonNode[];
}

export interface CopySpec {
  name: string;
  count: JsonNode | undefined;
  mode: string | undefined;
  batchSize: JsonNode | undefined;
  node: JsonObject;
}

export interface ResourceDecl {
  /** Position in `TemplateModel.resources` (all scopes, source order). */
  index: number;
  scope: TemplateScope;
  json: JsonObject;
  /** languageVersion 2.0 symbolic name (the key in the `resources` object). */
  symbolicName: string | undefined;
  /** For a child declared in a parent's `resources` array. */
  parentDecl: ResourceDecl | undefined;
  /** Full type, parent types prepended for nested children (e.g. `Microsoft.Network/virtualNetworks/subnets`). */
  type: string;
  typeNode: JsonNode | undefined;
  nameNode: JsonNode | undefined;
  apiVersion: string | undefined;
  existing: boolean;
  condition: JsonNode | undefined;
  copy: CopySpec | undefined;
  dependsOn: JsonNode[];
  dependsOnNode: JsonNode | undefined;
  scopeNode: JsonNode | undefined;
  properties: JsonObject | undefined;
  isDeployment: boolean;
  /** Inline nested template, or a linked template loaded from disk. */
  innerScope: TemplateScope | undefined;
  /** A linked template that could not be loaded: treated as opaque. */
  opaqueLink: boolean;
  /** JSON path like `resources[3]` or `resources.foo` (relative to its scope's template). */
  path: string;
}

export interface ModelDiagnostic {
  ruleId: string;
  message: string;
  offset: number;
  length: number;
  file: string;
}

export interface TemplateModel {
  file: string;
  root: TemplateScope;
  scopes: TemplateScope[];
  resources: ResourceDecl[];
  expressions: ExpressionSite[];
  /** Structural problems found while reading the template (duplicate keys, bad shapes). */
  diagnostics: ModelDiagnostic[];
  /** Parsed expression of every expression string, shared with the evaluator. */
  parsed: ParseCache;
}
