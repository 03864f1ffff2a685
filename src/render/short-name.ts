// Short names for drawings: a name expression as written, with parameters and variables by name (`ai-{baseName}`).
import type { Expr } from "../expressions/ast.js";
import { classifyString, parseExpression } from "../expressions/parser.js";
import type { JsonNode } from "../load/json.js";

const ID_FUNCTIONS = new Set(["resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid", "managementgroupresourceid"]);

/**
 * The name a person would give a resource from its name expression: literal text kept, `parameters('x')`
 * and `variables('x')` as `x`, `format()`/`concat()` spelled out, other calls with their arguments
 * shortened (`{guid(keyVaultName, 'secrets-officer')}`). Computed parts sit in `{…}`. Undefined for a
 * name that is not a string.
 */
export function shortName(node: JsonNode | undefined): string | undefined {
  if (node?.type !== "string") return undefined;
  const cls = classifyString(node.value);
  if (cls.kind === "literal") return cls.value;
  const parsed = parseExpression(node.value);
  if (!parsed.ok) return node.value;
  return text(parsed.expr);
}

/** An expression as text: literal parts as they are, computed parts in braces. */
function text(e: Expr): string {
  if (e.kind === "string") return e.value;
  if (e.kind === "number") return String(e.value);
  if (e.kind === "call" && e.namespace === undefined) {
    const name = e.name.toLowerCase();
    if (name === "format" && e.args[0]?.kind === "string") {
      const args = e.args.slice(1);
      return e.args[0].value.replace(/\{(\d+)(?::[^}]*)?\}|\{\{|\}\}/g, (m, i: string | undefined) => {
        if (i === undefined) return m[0]!;
        const arg = args[Number(i)];
        return arg === undefined ? m : text(arg);
      });
    }
    if (name === "concat") return e.args.map(text).join("");
  }
  return `{${code(e)}}`;
}

/** An expression shortened for reading: names for parameters and variables, resource ids by their name. */
function code(e: Expr): string {
  switch (e.kind) {
    case "string":
      return `'${e.value}'`;
    case "number":
      return String(e.value);
    case "member":
      return `${code(e.object)}.${e.property}`;
    case "index":
      return `${code(e.object)}[${code(e.index)}]`;
    case "call": {
      const name = e.name.toLowerCase();
      const first = e.args[0];
      if (e.namespace === undefined && (name === "parameters" || name === "variables") && first?.kind === "string") return first.value;
      if (e.namespace === undefined && name === "copyindex") return "copyIndex()";
      if (e.namespace === undefined && ID_FUNCTIONS.has(name) && e.args.length > 0) return code(e.args[e.args.length - 1]!);
      if (e.namespace === undefined && (name === "format" || name === "concat")) return `'${text(e)}'`;
      const callee = e.namespace === undefined ? e.name : `${e.namespace}.${e.name}`;
      return `${callee}(${e.args.map(code).join(", ")})`;
    }
  }
}
