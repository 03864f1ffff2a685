// Parameter-file JSON → evaluator values: literals become exact values; Key Vault references and expressions stay opaque symbols.
import type { JsonNode } from "../load/json.js";
import { ObjectValue, Unknown, type Value } from "../expressions/values.js";

/** Characters the evaluator reserves for symbolic tokens; a literal holding them cannot be represented exactly. */
const RESERVED = /[\uE000-\uE003]/;

/** The opaque value of root parameter `name` (what the engine uses when no value is known). */
export function opaqueParameter(name: string, path = ""): Unknown {
  return new Unknown(`parameters('${name}')${path}`);
}

/**
 * The evaluator value of a literal parameter value. A string that looks like a template expression
 * (`[...]`) is not evaluated in a parameters file by armlint: it stays an opaque symbol, as do strings
 * that hold the evaluator's reserved characters. Iterative (no recursion on input depth).
 */
export function literalValue(node: JsonNode, name: string): Value {
  const root = shallow(node, name, "");
  if (node.type !== "object" && node.type !== "array") return root;
  const stack: { node: JsonNode; out: Value; path: string }[] = [{ node, out: root, path: "" }];
  while (stack.length > 0) {
    const { node: n, out, path } = stack.pop()!;
    if (n.type === "object" && out instanceof ObjectValue) {
      for (const p of n.properties) {
        const sub = `${path}.${p.key}`;
        const v = shallow(p.value, name, sub);
        out.set(p.key, v);
        if (p.value.type === "object" || p.value.type === "array") stack.push({ node: p.value, out: v, path: sub });
      }
    } else if (n.type === "array" && Array.isArray(out)) {
      n.items.forEach((item, i) => {
        const sub = `${path}[${i}]`;
        const v = shallow(item, name, sub);
        out.push(v);
        if (item.type === "object" || item.type === "array") stack.push({ node: item, out: v, path: sub });
      });
    }
  }
  return root;
}

function shallow(node: JsonNode, name: string, path: string): Value {
  switch (node.type) {
    case "object":
      return new ObjectValue();
    case "array":
      return [];
    case "string":
      return looksLikeExpression(node.value) || RESERVED.test(node.value) ? opaqueParameter(name, path) : node.value;
    default:
      return node.value;
  }
}

/** `[...]` (not the `[[` escape): a template expression in template syntax. */
export function looksLikeExpression(s: string): boolean {
  return s.startsWith("[") && s.trimEnd().endsWith("]");
}
