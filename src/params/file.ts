// Reading ARM deployment parameters files (also `bicep build-params` output): entries with their values, positions and shape problems.
import type { Diagnostic, Span } from "../diagnostics.js";
import type { JsonNode, JsonObject } from "../load/json.js";
import type { SourceFile } from "../load/source.js";
import { loadFile, loadText } from "../load/loader.js";
import type { Value } from "../expressions/values.js";
import type { TemplateScope } from "../model/types.js";
import { literalValue, opaqueParameter } from "./values.js";

/** How a parameter gets its value in the file. */
export type ParameterSource =
  /** `{"value": ...}`: a literal, known before deployment. */
  | "value"
  /** `{"reference": {"keyVault": {"id"}, "secretName"}}`: a Key Vault secret, never known to armlint. */
  | "reference"
  /** `{"expression": "[...]"}` (`bicep build-params` with external inputs): evaluated at deployment. */
  | "expression";

export interface ParameterEntry {
  name: string;
  /** The key's span (for findings about the name). */
  keySpan: Span;
  /** The entry object. */
  node: JsonNode;
  source: ParameterSource;
  /** The `value` node of a `value` entry. */
  valueNode: JsonNode | undefined;
  /** What the evaluator sees: the literal value, or an opaque symbol. */
  value: Value;
}

/** A shape problem of the file (not a parameters file, an entry without a value). */
export interface ParameterFileProblem {
  span: Span;
  message: string;
}

export interface ParameterFile {
  /** Absolute path (as given). */
  file: string;
  source: SourceFile | undefined;
  root: JsonNode | undefined;
  /** The `parameters` object (or the root, for a file that is only the parameters object). */
  parametersNode: JsonObject | undefined;
  entries: ParameterEntry[];
  /** Read and parse errors (`armlint/parse-error`), located in this file. */
  diagnostics: Diagnostic[];
  problems: ParameterFileProblem[];
  /** Entries by lowercase name (the first one wins, as in the template's own lookup). */
  values: ReadonlyMap<string, ParameterEntry>;
}

const ENTRY_KEYS = ["value", "reference", "expression", "metadata"];

/** Reads and parses a parameters file. Never throws: problems become diagnostics or `problems`. */
export function readParameterFile(path: string): ParameterFile {
  return fromLoaded(loadFile(path), path);
}

/** Parses parameters-file text as if it were `path`. Never throws. */
export function parseParameterText(text: string, path: string): ParameterFile {
  return fromLoaded(loadText(text, path), path);
}

function fromLoaded(loaded: ReturnType<typeof loadText>, path: string): ParameterFile {
  const result: ParameterFile = {
    file: path,
    source: loaded.source,
    root: loaded.root,
    parametersNode: undefined,
    entries: [],
    diagnostics: loaded.diagnostics,
    problems: [],
    values: new Map(),
  };
  const root = loaded.root;
  if (root === undefined) return result;
  if (root.type !== "object") {
    result.problems.push({ span: spanOf(root), message: "A parameters file must be a JSON object with a \"parameters\" object." });
    return result;
  }
  const schema = findKey(root, "$schema");
  if (schema?.value.type === "string" && /deploymenttemplate\.json/i.test(schema.value.value)) {
    result.problems.push({
      span: spanOf(schema.value),
      message: "This file is a deployment template, not a parameters file (its $schema is deploymentTemplate.json); give the parameters file that goes with the template.",
    });
    return result;
  }
  const parameters = findKey(root, "parameters");
  let object: JsonObject | undefined;
  if (parameters !== undefined) {
    if (parameters.value.type === "object") object = parameters.value;
    else result.problems.push({ span: spanOf(parameters.value), message: "\"parameters\" must be an object mapping parameter names to {\"value\": ...} entries." });
  } else if (schema === undefined && root.properties.length > 0 && root.properties.every((p) => p.value.type === "object" && ENTRY_KEYS.some((k) => findKey(p.value as JsonObject, k) !== undefined))) {
    // A file that is only the parameters object (accepted by the Azure CLI).
    object = root;
  } else {
    result.problems.push({ span: spanOf(root), message: "No \"parameters\" object: a parameters file looks like {\"$schema\": \".../deploymentParameters.json#\", \"parameters\": {\"name\": {\"value\": ...}}}." });
  }
  if (object === undefined) return result;
  result.parametersNode = object;
  const values = new Map<string, ParameterEntry>();
  for (const p of object.properties) {
    const keySpan = { offset: p.keyOffset, length: p.keyLength };
    const entry = readEntry(p.key, keySpan, p.value, result.problems);
    if (entry === undefined) continue;
    result.entries.push(entry);
    const key = p.key.toLowerCase();
    if (!values.has(key)) values.set(key, entry);
  }
  result.values = values;
  return result;
}

function readEntry(name: string, keySpan: Span, node: JsonNode, problems: ParameterFileProblem[]): ParameterEntry | undefined {
  if (node.type !== "object") {
    problems.push({ span: spanOf(node), message: `Parameter '${name}' must be an object such as {"value": ...}; a bare value is not read by ARM.` });
    return undefined;
  }
  const value = findKey(node, "value");
  const reference = findKey(node, "reference");
  const expression = findKey(node, "expression");
  const count = [value, reference, expression].filter((x) => x !== undefined).length;
  if (count !== 1) {
    problems.push({
      span: spanOf(node),
      message:
        count === 0
          ? `Parameter '${name}' has neither "value" nor "reference" (a Key Vault secret): add one.`
          : `Parameter '${name}' has more than one of "value", "reference" and "expression": keep one.`,
    });
    return undefined;
  }
  if (value !== undefined) return { name, keySpan, node, source: "value", valueNode: value.value, value: literalValue(value.value, name) };
  return { name, keySpan, node, source: reference !== undefined ? "reference" : "expression", valueNode: undefined, value: opaqueParameter(name) };
}

function findKey(obj: JsonObject, key: string): { value: JsonNode } | undefined {
  const k = key.toLowerCase();
  return obj.properties.find((p) => p.key.toLowerCase() === k);
}

function spanOf(node: JsonNode): Span {
  return { offset: node.offset, length: node.length };
}

/** `main.json` → `main.parameters.json` (beside it): the parameters file armlint looks for. */
export function parametersFileFor(template: string): string {
  const dot = template.lastIndexOf(".");
  const slash = Math.max(template.lastIndexOf("/"), template.lastIndexOf("\\"));
  const base = dot > slash ? template.slice(0, dot) : template;
  return `${base}.parameters.json`;
}

/**
 * The values the evaluator gives root parameters (lowercase name → value); undefined when the file could not
 * be read. Parameters the template declares secure stay opaque, so no finding ever quotes a secret.
 */
export function parameterValues(file: ParameterFile, template?: TemplateScope): ReadonlyMap<string, Value> | undefined {
  if (file.parametersNode === undefined) return undefined;
  const out = new Map<string, Value>();
  for (const [key, entry] of file.values) {
    const declared = template?.parameters.get(key);
    out.set(key, declared !== undefined && isSecure(declared.type) ? opaqueParameter(declared.name) : entry.value);
  }
  return out;
}

/** `securestring` / `secureObject` (any letter case). */
export function isSecure(type: string | undefined): boolean {
  return type?.toLowerCase().startsWith("secure") === true;
}
