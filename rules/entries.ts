// dependsOn entries in a template's own style (symbolic name, resourceId(), extensionResourceId()) and fixes that add them.
import type { Analysis } from "../src/analyze.js";
import type { Fix } from "../src/diagnostics.js";
import type { Expr } from "../src/expressions/ast.js";
import { parsedExpression } from "../src/expressions/evaluate.js";
import { printExpression, quoteString } from "../src/expressions/print.js";
import { displayText } from "../src/expressions/values.js";
import type { JsonNode } from "../src/load/json.js";
import type { ResourceDecl } from "../src/model/types.js";

/** The dependsOn entry naming `decl` from its own template: its symbolic name (2.0), else a resourceId()/extensionResourceId() expression. */
export function dependsOnEntry(analysis: Analysis, decl: ResourceDecl): string {
  if (decl.scope.symbolic && decl.symbolicName !== undefined) return decl.symbolicName;
  const args = nameArgs(analysis, decl) ?? [quoteString(displayText(analysis.engine?.identity(decl).name ?? ""))];
  const type = quoteString(decl.type);
  if (decl.scopeNode !== undefined && !decl.isDeployment) {
    const scopeId = scopeIdExpression(analysis, decl.scopeNode);
    if (scopeId !== undefined) return `[extensionResourceId(${scopeId}, ${type}, ${args.join(", ")})]`;
  }
  return `[resourceId(${type}, ${args.join(", ")})]`;
}

/** The parsed expression of a string node, `literal` for a plain string, undefined when it does not parse. */
export function parsed(analysis: Analysis, node: JsonNode | undefined): Expr | "literal" | undefined {
  if (node?.type !== "string") return undefined;
  if (!node.value.startsWith("[") || node.value.startsWith("[[")) return "literal";
  const r = parsedExpression(node, analysis.model?.parsed);
  return r.ok ? r.expr : undefined;
}

function literalValue(node: JsonNode): string {
  if (node.type !== "string") return "";
  return node.value.startsWith("[[") ? node.value.slice(1) : node.value;
}

/** The name segments of a resource as expressions (`parameters('a')`, `'kv'`), parent segments first for nested children. */
export function nameArgs(analysis: Analysis, decl: ResourceDecl): string[] | undefined {
  const own = segmentExpressions(analysis, decl.nameNode);
  if (own === undefined) return undefined;
  const depth = Math.max(1, decl.type.split("/").length - 1);
  if (decl.parentDecl !== undefined && own.length < depth) {
    const parent = nameArgs(analysis, decl.parentDecl);
    if (parent === undefined) return undefined;
    return [...parent, ...own];
  }
  return own;
}

function segmentExpressions(analysis: Analysis, node: JsonNode | undefined): string[] | undefined {
  const e = parsed(analysis, node);
  if (e === undefined || node === undefined) return undefined;
  if (e === "literal") return literalValue(node).split("/").map(quoteString);
  return splitOnSlash(e) ?? [printExpression(e)];
}

/** Split a name expression at literal `/`: `format('{0}/{1}', a, b)` → `a`, `b`; `concat(a, '/', b)` → `a`, `b`. */
function splitOnSlash(e: Expr): string[] | undefined {
  if (e.kind !== "call" || e.namespace !== undefined) return undefined;
  const name = e.name.toLowerCase();
  if (name === "format" && e.args[0]?.kind === "string") {
    const parts = e.args[0].value.split("/");
    if (parts.length < 2) return undefined;
    const rest = e.args.slice(1);
    return parts.map((part) => {
      const m = /^\{(\d+)\}$/.exec(part);
      const arg = m ? rest[Number(m[1])] : undefined;
      if (arg !== undefined) return printExpression(arg);
      if (!part.includes("{")) return quoteString(part.replaceAll("}}", "}"));
      return `format(${[quoteString(part), ...rest.map(printExpression)].join(", ")})`;
    });
  }
  if (name === "concat" && e.args.length > 0) {
    const segments: string[][] = [[]];
    for (const arg of e.args) {
      if (arg.kind === "string") {
        const parts = arg.value.split("/");
        parts.forEach((p, i) => {
          if (i > 0) segments.push([]);
          if (p !== "") segments.at(-1)!.push(quoteString(p));
        });
      } else segments.at(-1)!.push(printExpression(arg));
    }
    if (segments.length < 2 || segments.some((s) => s.length === 0)) return undefined;
    return segments.map((s) => (s.length === 1 ? s[0]! : `concat(${s.join(", ")})`));
  }
  return undefined;
}

/** A full-id expression for an extension resource's `scope` (`Ns/type/{0}` formats become resourceId()). */
function scopeIdExpression(analysis: Analysis, node: JsonNode): string | undefined {
  const e = parsed(analysis, node);
  if (e === undefined) return undefined;
  if (e === "literal") {
    const s = literalValue(node);
    if (s.startsWith("/")) return quoteString(s);
    return relativeToResourceId(s.split("/").map(quoteString), s.split("/"));
  }
  if (e.kind === "call" && e.namespace === undefined && e.name.toLowerCase() === "format" && e.args[0]?.kind === "string") {
    const fmt = e.args[0].value;
    if (!fmt.startsWith("/")) {
      const segs = splitOnSlash(e);
      if (segs !== undefined) return relativeToResourceId(segs, fmt.split("/"));
    }
  }
  return printExpression(e);
}

/** `Ns.X/type/name[/type/name]` segments → `resourceId('Ns.X/type[/type]', name...)`. */
function relativeToResourceId(exprs: string[], raw: string[]): string | undefined {
  if (exprs.length < 3 || exprs.length % 2 === 0 || !raw[0]?.includes(".")) return undefined;
  const types = [raw[0]];
  const names: string[] = [];
  for (let i = 1; i < exprs.length; i += 2) {
    const t = raw[i];
    if (t === undefined || t.includes("{")) return undefined;
    types.push(t);
    names.push(exprs[i + 1]!);
  }
  return `resourceId(${[quoteString(types.join("/")), ...names].join(", ")})`;
}

function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
  let end = start;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(start, end);
}

/** A text edit adding `entry` to a resource's dependsOn array, or a new `"dependsOn"` after its `name`. */
export function addDependsOnFix(analysis: Analysis, decl: ResourceDecl, entry: string, description: string): Fix | undefined {
  const text = analysis.source?.text;
  if (text === undefined || decl.scope.file !== analysis.file) return undefined;
  const quoted = JSON.stringify(entry);
  const dep = decl.dependsOnNode;
  if (dep?.type === "array") {
    const last = dep.items.at(-1);
    if (last === undefined) return { description, edits: [{ offset: dep.offset + 1, length: 0, text: quoted }] };
    const multiline = text.slice(dep.offset, last.offset).includes("\n");
    const insert = multiline ? `,\n${lineIndent(text, last.offset)}${quoted}` : `, ${quoted}`;
    return { description, edits: [{ offset: last.offset + last.length, length: 0, text: insert }] };
  }
  if (dep !== undefined) return undefined;
  const nameProp = decl.json.properties.find((p) => p.key.toLowerCase() === "name");
  if (nameProp === undefined) return undefined;
  const multiline = text.slice(decl.json.offset, nameProp.keyOffset).includes("\n");
  const insert = multiline ? `,\n${lineIndent(text, nameProp.keyOffset)}"dependsOn": [${quoted}]` : `, "dependsOn": [${quoted}]`;
  return { description, edits: [{ offset: nameProp.value.offset + nameProp.value.length, length: 0, text: insert }] };
}

