// Names of graph nodes for people: JSON paths with the module chain, readable names, short labels.
import { ancestry, realNode, waitNode } from "../graph/nodes.js";
import type { GraphNode } from "../graph/types.js";
import type { ResourceDecl } from "../model/types.js";
import { shortName } from "./short-name.js";

export { ancestry, realNode, waitNode };

/**
 * JSON path of a declaration from the root template, through its modules:
 * `resources[5].properties.template.resources[0]` (`properties.templateLink` for a linked template).
 */
export function declPath(decl: ResourceDecl): string {
  const module = decl.scope.deployment;
  if (module === undefined) return decl.path;
  const linked = decl.scope.file !== module.scope.file;
  return `${declPath(module)}.properties.${linked ? "templateLink" : "template"}.${decl.path}`;
}

/**
 * The same path with every languageVersion 2.0 `resources['name']` step written by position
 * (`resources[3]`), for people who count resources.
 */
export function positionalPath(decl: ResourceDecl): string {
  const module = decl.scope.deployment;
  const prefix = module === undefined ? "" : `${positionalPath(module)}.properties.${decl.scope.file !== module.scope.file ? "templateLink" : "template"}.`;
  let own = decl.path;
  if (decl.symbolicName !== undefined && decl.parentDecl === undefined) {
    const resources = decl.scope.json.properties.find((p) => p.key === "resources")?.value;
    const index = resources?.type === "object" ? resources.properties.findIndex((p) => p.value === decl.json) : -1;
    if (index >= 0) own = `resources[${index}]`;
  }
  return prefix + own;
}

export function nodePath(n: GraphNode): string {
  return declPath(realNode(n).decl);
}

/**
 * Readable name: the evaluated name (`{…}` for parts known only at deployment time), or the name as
 * written when the evaluated form had to be shortened.
 */
export function readableName(n: GraphNode): string {
  const r = realNode(n);
  if (!r.displayName.includes("…#")) return r.displayName;
  const node = r.decl.nameNode;
  return node?.type === "string" ? node.value : r.displayName;
}

/** The last segment of a readable name (`{parameters('a')}/kv` → `kv`), splitting only outside `{…}`. */
export function lastSegment(name: string): string {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (c === "/" && depth === 0) start = i + 1;
  }
  return name.slice(start);
}

/** `Microsoft.KeyVault/vaults/accessPolicies` → `KeyVault/accessPolicies`. */
export function shortType(type: string): string {
  const parts = type.split("/");
  const ns = (parts[0] ?? "").replace(/^microsoft\./i, "");
  return parts.length > 1 ? `${ns}/${parts[parts.length - 1]!}` : ns;
}

/** Cuts text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Short title of a node: its symbolic name, else the last segment of its name as written, parameters and
 * variables by name (`ai-{baseName}`, `{guid(keyVaultName, 'secrets-officer')}`), the middle cut out
 * when long: the ends tell resources apart best.
 */
export function title(n: GraphNode, max = 40): string {
  const r = realNode(n);
  if (r.decl.symbolicName !== undefined) return r.decl.symbolicName;
  const name = lastSegment(shortName(r.decl.nameNode) ?? readableName(r));
  if (name.length <= max) return name;
  const head = Math.floor((max - 1) / 2);
  return `${name.slice(0, head)}…${name.slice(name.length - (max - 1 - head))}`;
}

/** `module 'x'` or `KeyVault/vaults 'kv'`: how explain names a node in a sentence (short type, short name). */
export function describe(n: GraphNode): string {
  const r = realNode(n);
  return r.kind === "deployment" ? `module '${title(r, 60)}'` : `${shortType(r.type)} '${title(r, 60)}'`;
}

/** `Microsoft.KeyVault/vaults '{parameters('kv')}'`: the full type and the readable name. */
export function fullName(n: GraphNode): string {
  const r = realNode(n);
  const name = r.decl.symbolicName ?? readableName(r);
  return r.kind === "deployment" ? `module '${name}'` : `${r.type} '${name}'`;
}

/** The condition as written (`[parameters('x')]`), or null when the node always deploys. */
export function conditionText(n: GraphNode): string | null {
  const r = realNode(n);
  if (!r.conditional) return null;
  const c = r.decl.condition;
  if (c === undefined) return null;
  if (c.type === "string") return c.value;
  if (c.type === "boolean") return String(c.value);
  return c.type;
}

/** An expression as people read it: `[parameters('x')]` → `parameters('x')`. */
export function bare(expression: string): string {
  return expression.startsWith("[") && expression.endsWith("]") && !expression.startsWith("[[") ? expression.slice(1, -1) : expression;
}
