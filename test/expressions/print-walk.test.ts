// Unit tests for the printer and the tree walker.

import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/expressions/ast.js";
import { parseExpression } from "../../src/expressions/parser.js";
import { formatNumber, printExpression, printExpressionString, quoteString } from "../../src/expressions/print.js";
import { childrenOf, walkExpression } from "../../src/expressions/walk.js";
import { sameStructure } from "./helpers.js";

function ok(value: string): Expr {
  const result = parseExpression(value);
  if (!result.ok) throw new Error(`expected ${value} to parse: ${result.error.message}`);
  return result.expr;
}

const at = { start: 0, end: 0 };

describe("printExpression", () => {
  it.each([
    ["[concat('a',parameters('b'))]", "concat('a', parameters('b'))"],
    ["[ concat ( 'a' , 'b' ) ]", "concat('a', 'b')"],
    ["['it''s']", "'it''s'"],
    ["[resourceGroup().id]", "resourceGroup().id"],
    ["[reference(x()).outputs['a'].value]", "reference(x()).outputs['a'].value"],
    ["[createArray(1, -2, 1.5)[0]]", "createArray(1, -2, 1.5)[0]"],
    ["[__bicep.fn(1)]", "__bicep.fn(1)"],
    ["[ ns . fn ( ) ]", "ns.fn()"],
    ["[1.foo]", "1.foo"],
    ["[007]", "7"],
    ["[true()]", "true()"],
  ])("%j prints as %j", (input, printed) => {
    const e = ok(input);
    expect(printExpression(e)).toBe(printed);
    expect(printExpressionString(e)).toBe(`[${printed}]`);
    expect(sameStructure(ok(printExpressionString(e)), e)).toBe(true);
  });

  it("prints a member whose property is not an identifier as an index", () => {
    const e: Expr = {
      kind: "member",
      ...at,
      propertyStart: 0,
      property: "my-prop",
      object: { kind: "call", ...at, name: "x", args: [], nameStart: 0, nameEnd: 0 },
    };
    expect(printExpression(e)).toBe("x()['my-prop']");
  });

  it("prints trees of any depth without recursion", () => {
    let e: Expr = { kind: "number", ...at, value: 0 };
    for (let i = 0; i < 100_000; i++) e = { kind: "member", ...at, object: e, property: "p", propertyStart: 0 };
    expect(printExpression(e)).toHaveLength(1 + 2 * 100_000);
  });

  it("quotes strings", () => {
    expect(quoteString("")).toBe("''");
    expect(quoteString("a'b''")).toBe("'a''b'''''");
  });
});

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [-0, "-0"],
    [42, "42"],
    [-1, "-1"],
    [1.5, "1.5"],
    [1e21, "1000000000000000000000"],
    [1.5e22, "15000000000000000000000"],
    [-1e-7, "-0.0000001"],
    [1.25e-8, "0.0000000125"],
    [Number.MAX_SAFE_INTEGER, "9007199254740991"],
  ])("%d → %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
    expect(Object.is(Number(text), value)).toBe(true);
  });

  it("writes the smallest and largest doubles without an exponent", () => {
    for (const v of [Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE]) {
      const text = formatNumber(v);
      expect(text).not.toMatch(/e/i);
      expect(Number(text)).toBe(v);
    }
  });
});

describe("walkExpression", () => {
  it("visits nodes in pre-order, children in source order, with parents", () => {
    const e = ok("[concat(a('x')[1], b().c, 2)]");
    const seen: string[] = [];
    walkExpression(e, (node, parent) => {
      const label = node.kind === "call" ? node.name : node.kind === "member" ? `.${node.property}` : node.kind === "index" ? "[]" : JSON.stringify(node.value);
      seen.push(`${label}<${parent === undefined ? "-" : parent.kind}`);
    });
    expect(seen).toEqual([
      "concat<-",
      "[]<call",
      "a<index",
      '"x"<call',
      "1<index",
      ".c<call",
      "b<member",
      "2<call",
    ]);
  });

  it("walks trees of any depth without recursion", () => {
    let e: Expr = { kind: "string", ...at, value: "leaf" };
    for (let i = 0; i < 100_000; i++) e = { kind: "call", ...at, name: "f", args: [e], nameStart: 0, nameEnd: 0 };
    let count = 0;
    walkExpression(e, () => count++);
    expect(count).toBe(100_001);
  });

  it("lists children", () => {
    const e = ok("[a(1, 2)[b()].c]");
    expect(e.kind).toBe("member");
    expect(childrenOf(e).map((c) => c.kind)).toEqual(["index"]);
    expect(childrenOf(childrenOf(e)[0]!).map((c) => c.kind)).toEqual(["call", "call"]);
    expect(childrenOf(ok("['s']"))).toEqual([]);
  });
});
