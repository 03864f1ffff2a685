// Checks a parameters file against the template's parameter declarations: unknown names, missing required ones, types, allowed values and limits.
import type { Span } from "../diagnostics.js";
import type { JsonNode, JsonObject } from "../load/json.js";
import { toPlainValue } from "../load/loader.js";
import { isNullableParameter } from "../model/build.js";
import type { ParameterDecl, TemplateScope } from "../model/types.js";
import { similarWords } from "../text/suggest.js";
import { codePoints } from "../types/check.js";
import { isSecure, type ParameterEntry, type ParameterFile } from "./file.js";
import { looksLikeExpression } from "./values.js";

export type ParameterFindingKind = "unknown-parameter" | "missing-parameter" | "invalid-value" | "invalid-file";

export interface ParameterFinding {
  kind: ParameterFindingKind;
  /** In the parameters file. */
  span: Span;
  message: string;
  data: Record<string, string>;
}

/** Checks `file` against the parameters `template` (the root template scope) declares. */
export function checkParameterFile(file: ParameterFile, template: TemplateScope): ParameterFinding[] {
  const out: ParameterFinding[] = [];
  for (const p of file.problems) out.push({ kind: "invalid-file", span: p.span, message: p.message, data: {} });
  if (file.parametersNode === undefined) return out;
  const declared = template.parameters;
  const names = [...declared.values()].map((d) => d.name);
  const seen = new Set<string>();
  for (const entry of file.entries) {
    const key = entry.name.toLowerCase();
    const decl = declared.get(key);
    if (decl === undefined) {
      const near = similarWords(entry.name, names);
      const hint = near.length > 0 ? `: did you mean '${near[0]!}'?` : names.length > 0 ? ` (it declares ${names.map((n) => `'${n}'`).join(", ")}).` : " (it declares none).";
      out.push({
        kind: "unknown-parameter",
        span: entry.keySpan,
        message: `The template has no parameter '${entry.name}'${hint} ARM rejects a deployment whose parameters file sets a parameter the template does not declare.`,
        data: { parameter: entry.name, suggestions: near.join(",") },
      });
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    if (entry.source === "value" && entry.valueNode !== undefined) out.push(...checkValue(entry, entry.valueNode, decl));
  }
  // A name the file sets, even in an entry reported as invalid above, is not also "missing".
  const written = new Set(file.parametersNode.properties.map((p) => p.key.toLowerCase()));
  for (const decl of declared.values()) {
    if (written.has(decl.name.toLowerCase()) || decl.defaultValue !== undefined || isNullableParameter(decl)) continue;
    out.push({
      kind: "missing-parameter",
      span: { offset: file.parametersNode.offset, length: 1 },
      message: `The template requires parameter '${decl.name}' (it has no default value) but this parameters file does not set it: add it, or pass it on the command line when deploying.`,
      data: { parameter: decl.name },
    });
  }
  return out;
}

function checkValue(entry: ParameterEntry, node: JsonNode, decl: ParameterDecl): ParameterFinding[] {
  const out: ParameterFinding[] = [];
  const span = { offset: node.offset, length: node.length };
  const report = (problem: string, data: Record<string, string> = {}) => {
    out.push({ kind: "invalid-value", span, message: `Parameter '${decl.name}': ${problem}.`, data: { parameter: decl.name, ...data } });
  };
  if (node.type === "null") return out;
  if (node.type === "string" && looksLikeExpression(node.value)) return out;
  const type = decl.type?.toLowerCase();
  // Never quote the value of a secure parameter (findings end up in CI logs).
  const secure = isSecure(type);
  const shown = (v: unknown) => (secure ? "the value" : JSON.stringify(v));
  const expected = EXPECTED[type ?? ""];
  if (expected !== undefined && !expected.accepts(node)) {
    report(`the template declares it '${decl.type ?? ""}', so the value must be ${expected.text}, not ${secure ? describeKind(node) : describe(node)}`, { expected: expected.text });
    return out;
  }
  const declNode = decl.node;
  if (declNode === undefined) return out;
  const allowed = prop(declNode, "allowedValues");
  if (allowed?.type === "array" && allowed.items.length > 0) {
    const options = allowed.items.map(toPlainValue);
    const candidates = node.type === "array" && type === "array" ? node.items : [node];
    for (const candidate of candidates) {
      const v = toPlainValue(candidate);
      if (options.some((o) => sameValue(o, v))) continue;
      const allowedText = options.map((o) => JSON.stringify(o));
      report(`${shown(v)} is not one of the allowed values ${allowedText.length > 10 ? `${allowedText.slice(0, 10).join(", ")}, …` : allowedText.join(", ")}`, {
        allowed: allowedText.join(","),
      });
      return out;
    }
  }
  const min = numberProp(declNode, "minValue");
  const max = numberProp(declNode, "maxValue");
  if (node.type === "number") {
    if (min !== undefined && node.value < min) report(`${node.value} is below the minimum value ${min}`, { minValue: String(min) });
    else if (max !== undefined && node.value > max) report(`${node.value} is above the maximum value ${max}`, { maxValue: String(max) });
  }
  const minLength = numberProp(declNode, "minLength");
  const maxLength = numberProp(declNode, "maxLength");
  const length = node.type === "string" ? codePoints(node.value) : node.type === "array" ? node.items.length : undefined;
  if (length !== undefined) {
    const unit = node.type === "string" ? (length === 1 ? "character" : "characters") : length === 1 ? "item" : "items";
    if (minLength !== undefined && length < minLength) report(`the value has ${length} ${unit}; at least ${minLength} are required`, { minLength: String(minLength) });
    else if (maxLength !== undefined && length > maxLength) report(`the value has ${length} ${unit}; at most ${maxLength} are allowed`, { maxLength: String(maxLength) });
  }
  return out;
}

const EXPECTED: Readonly<Record<string, { text: string; accepts(node: JsonNode): boolean }>> = {
  string: { text: "a string", accepts: (n) => n.type === "string" },
  securestring: { text: "a string", accepts: (n) => n.type === "string" },
  int: { text: "a whole number", accepts: (n) => n.type === "number" && Number.isInteger(n.value) },
  bool: { text: "true or false", accepts: (n) => n.type === "boolean" },
  object: { text: "an object", accepts: (n) => n.type === "object" },
  secureobject: { text: "an object", accepts: (n) => n.type === "object" },
  array: { text: "an array", accepts: (n) => n.type === "array" },
};

/** The kind of a value, without the value. */
function describeKind(node: JsonNode): string {
  return node.type === "string" ? "a string" : node.type === "number" ? "a number" : node.type === "boolean" ? "a boolean" : describe(node);
}

function describe(node: JsonNode): string {
  switch (node.type) {
    case "string":
      return `the string ${JSON.stringify(node.value.length > 40 ? `${node.value.slice(0, 37)}...` : node.value)}`;
    case "number":
      return `the number ${node.value}`;
    case "boolean":
      return `${node.value}`;
    case "null":
      return "null";
    case "array":
      return "an array";
    case "object":
      return "an object";
  }
}

/** Deep equality of plain JSON values; strings compare case-insensitively (lenient: no false alarms on case). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return a === b;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function prop(obj: JsonObject, key: string): JsonNode | undefined {
  const k = key.toLowerCase();
  return obj.properties.find((p) => p.key.toLowerCase() === k)?.value;
}

function numberProp(obj: JsonObject, key: string): number | undefined {
  const v = prop(obj, key);
  return v?.type === "number" ? v.value : undefined;
}
