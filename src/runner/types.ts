// Rule API: what a rule module exports (`meta` + `check`) and the context it is given.
import type { Diagnostic, Fix, Severity, Span, Suggestion } from "../diagnostics.js";
import type { JsonNode } from "../load/json.js";
import type { Analysis } from "../analyze.js";

export type RuleType = "problem" | "suggestion" | "layout";
export type ConfiguredSeverity = Severity | "off";

export interface RuleMeta {
  /** `arm/dependency-cycle`; plugin rules are namespaced `plugin/rule`. */
  id: string;
  description: string;
  type: RuleType;
  defaultSeverity: ConfiguredSeverity;
  docsUrl: string;
  /** JSON-Schema-like description of the rule's options object (validated shallowly). */
  schema?: RuleOptionSchema;
  fixable?: "code";
  hasSuggestions?: boolean;
  /** Rule needs the whole deployment tree (all rules get it; informational). */
  recommended?: boolean;
}

export interface RuleOptionSchema {
  type: "object";
  properties: Record<string, { type: "boolean" | "number" | "string" | "array"; description?: string }>;
  additionalProperties?: boolean;
}

export interface ReportDescriptor {
  /** The JSON node the finding is about (exact position), or a raw span. */
  node?: JsonNode;
  span?: Span;
  /** File of the node when it is not the analyzed file (linked templates). */
  file?: string;
  message: string;
  /** Data for the fingerprint and for machine consumers. */
  data?: Record<string, string>;
  /** Stable identity of the resource the finding is about (canonical id), for the fingerprint. */
  identity?: string;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Override the configured severity (rare; e.g. open enums are at most warnings). */
  severity?: Severity;
}

export interface RuleContext {
  readonly id: string;
  readonly file: string;
  readonly analysis: Analysis;
  readonly options: Readonly<Record<string, unknown>>;
  readonly severity: Severity;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Typed helper for rule modules (like typescript-eslint's RuleCreator). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export type { Diagnostic };
