// Test helpers for the engine tests: template builders, analysis with the model and graph present, node lookup.
import { expect } from "vitest";
import { analyzeText, type Analysis } from "../../src/analyze.js";
import type { JsonNode } from "../../src/load/json.js";
import type { Engine } from "../../src/graph/engine.js";
import type { DependencyGraph, Edge, EdgeKind, GraphNode } from "../../src/graph/types.js";
import type { TemplateModel, TemplateScope } from "../../src/model/types.js";
import { RefValue, Unknown, canonical, displayText, displayValue, toStringValue, type Value } from "../../src/expressions/values.js";

export const RG_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
export const SUB_SCHEMA = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";

/** Readable prefix of ids built by `resourceId()` in a resource-group template. */
export const RG_PREFIX = "/subscriptions/{subscription().subscriptionId}/resourceGroups/{resourceGroup().name}";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A deployment template object with `$schema` and `contentVersion` filled in. */
export function template(parts: Record<string, Json>, schema: string = RG_SCHEMA): Record<string, Json> {
  return { $schema: schema, contentVersion: "1.0.0.0", ...parts };
}

/** An inline nested deployment (Bicep module shape: inner evaluation scope by default). */
export function deployment(
  name: string,
  inner: Record<string, Json>,
  extra: Record<string, Json> = {},
  options: { scope?: "inner" | "outer"; parameters?: Record<string, Json> } = {},
): Record<string, Json> {
  const properties: Record<string, Json> = {
    expressionEvaluationOptions: { scope: options.scope ?? "inner" },
    mode: "Incremental",
    template: inner,
  };
  if (options.parameters) properties.parameters = options.parameters;
  return { type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name, ...extra, properties };
}

export interface Analyzed {
  analysis: Analysis;
  model: TemplateModel;
  graph: DependencyGraph;
  engine: Engine;
  text: string;
}

/** Analyze a template given as JSON text or as an object; fails the test when no graph is built. */
export function analyze(input: string | Record<string, Json>, file = "template.json"): Analyzed {
  const text = typeof input === "string" ? input : JSON.stringify(input, null, 1);
  const analysis = analyzeText(text, file);
  expect(analysis.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const { model, graph, engine } = analysis;
  if (!model || !graph || !engine) throw new Error(`no graph built for ${file}`);
  return { analysis, model, graph, engine, text };
}

/** Every node of the graph (resources and deployment end nodes) whose name or symbolic name is `name`. */
export function nodesNamed(graph: DependencyGraph, name: string): GraphNode[] {
  const key = canonical(name);
  return graph.resources.filter((n) => canonical(n.displayName) === key || canonical(n.decl.symbolicName ?? "") === key);
}

/** The one node whose readable name (or symbolic name) is `name`. */
export function nodeNamed(graph: DependencyGraph, name: string): GraphNode {
  const found = nodesNamed(graph, name);
  if (found.length !== 1) {
    throw new Error(`expected one node named '${name}', found ${found.length}: ${graph.resources.map((n) => n.displayName).join(", ")}`);
  }
  return found[0]!;
}

/** Outgoing edges of a node as `kind → target name` strings, sorted. */
export function edgesOf(node: GraphNode, kinds?: EdgeKind[]): string[] {
  return node.out
    .filter((e) => kinds === undefined || kinds.includes(e.kind))
    .map((e) => `${e.kind} -> ${label(e.to)}`)
    .sort();
}

/** Readable node label: the name, with `(start)` for a deployment's start node. */
export function label(n: GraphNode): string {
  return n.kind === "deployment-start" ? `${n.displayName} (start)` : n.displayName;
}

/** Text of the source span an edge points at. */
export function spanText(text: string, e: Edge): string {
  return text.slice(e.span.offset, e.span.offset + e.span.length);
}

/** The value node of an output of a scope. */
export function outputNode(scope: TemplateScope, name: string): JsonNode {
  const decl = scope.outputs.get(name.toLowerCase());
  if (decl?.value === undefined) throw new Error(`no output '${name}'`);
  return decl.value;
}

export interface Evaluated {
  value: Value;
  /** Readable text of the value (tokens as `{expr}`). */
  display: string;
  /** Canonical (lowercased, tokenized) string form, for identity comparisons. */
  key: string;
  analyzed: Analyzed;
}

/** Evaluate `expr` (an expression string such as `[concat('a', 'b')]`) as an output of a root template with `parts`. */
export function evaluateIn(expr: string, parts: Record<string, Json> = {}): Evaluated {
  const analyzed = analyze(template({ ...parts, resources: parts.resources ?? [], outputs: { probe: { type: "string", value: expr } } }));
  const value = analyzed.engine.evaluate(outputNode(analyzed.model.root, "probe"), undefined, analyzed.model.root);
  return { value, display: shown(value), key: canonical(toStringValue(value)), analyzed };
}

/** Readable text of a value: a symbolic part inside a string as `{expr}`, an opaque value as its expression. */
export function shown(v: Value): string {
  if (typeof v === "string") return displayText(v);
  if (v instanceof Unknown || v instanceof RefValue) return displayText(v.text);
  return displayValue(v);
}
