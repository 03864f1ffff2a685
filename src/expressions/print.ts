// Printer for expression trees: canonical expression text that parses back to the same tree.

import type { Expr } from "./ast.js";
import { isIdentifier } from "./parser.js";

/** `'text'` with each `'` doubled. */
export function quoteString(value: string): string {
  return value.includes("'") ? `'${value.replaceAll("'", "''")}'` : `'${value}'`;
}

/**
 * A number in the expression grammar's notation (digits, optional '-' and fraction, never an
 * exponent), chosen so that it parses back to the same double. NaN and ±Infinity have no
 * notation in the grammar and are printed as `NaN` / `Infinity`, which does not parse.
 */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return "-0";
  const text = String(value);
  if (!Number.isFinite(value) || !text.includes("e")) return text;
  const negative = value < 0;
  const [mantissa = "", exponentText = "0"] = (negative ? text.slice(1) : text).split("e");
  const [intPart = "", fracPart = ""] = mantissa.split(".");
  const digits = intPart + fracPart;
  const point = intPart.length + Number(exponentText);
  let plain: string;
  if (point <= 0) plain = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * Canonical text of `expr`, without the surrounding brackets: `concat('a', parameters('b'))`.
 * Arguments are separated by `, `; strings are single-quoted. A member whose property is not an
 * identifier prints as an index (`x['my-prop']`), which ARM evaluates identically but which
 * parses back as an `index` node. Iterative: any depth prints without recursion.
 */
export function printExpression(expr: Expr): string {
  const out: string[] = [];
  const stack: (Expr | string)[] = [expr];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    switch (item.kind) {
      case "string":
        out.push(quoteString(item.value));
        break;
      case "number":
        out.push(formatNumber(item.value));
        break;
      case "call": {
        out.push(item.namespace === undefined ? `${item.name}(` : `${item.namespace}.${item.name}(`);
        stack.push(")");
        for (let i = item.args.length - 1; i >= 0; i--) {
          stack.push(item.args[i]!);
          if (i > 0) stack.push(", ");
        }
        break;
      }
      case "member":
        stack.push(isIdentifier(item.property) ? `.${item.property}` : `[${quoteString(item.property)}]`);
        stack.push(item.object);
        break;
      case "index":
        stack.push("]", item.index, "[", item.object);
        break;
    }
  }
  return out.join("");
}

/** `printExpression` wrapped in brackets: the JSON string value ARM evaluates. */
export function printExpressionString(expr: Expr): string {
  return `[${printExpression(expr)}]`;
}
