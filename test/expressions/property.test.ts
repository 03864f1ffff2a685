// Property tests: the parser never throws, and printed trees parse back to the same tree.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/expressions/ast.js";
import { parseExpression } from "../../src/expressions/parser.js";
import { formatNumber, printExpression, printExpressionString, quoteString } from "../../src/expressions/print.js";
import { walkExpression } from "../../src/expressions/walk.js";
import { sameStructure, shapeOf, type Shape } from "./helpers.js";

const identifier = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,7}$/);
const numberValue = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

type ShapeArbs = Record<"expr" | "call" | "member" | "index", Shape>;

const shapes = fc.letrec<ShapeArbs>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 5, depthSize: "small", withCrossShrink: true },
    fc.record({ kind: fc.constant("string" as const), value: fc.string({ unit: "binary", maxLength: 12 }) }),
    fc.record({ kind: fc.constant("number" as const), value: numberValue }),
    tie("call"),
    tie("member"),
    tie("index"),
  ),
  call: fc.record(
    {
      kind: fc.constant("call" as const),
      name: identifier,
      namespace: identifier,
      args: fc.array(tie("expr"), { maxLength: 4 }),
    },
    { requiredKeys: ["kind", "name", "args"] },
  ),
  member: fc.record({ kind: fc.constant("member" as const), object: tie("expr"), property: identifier }),
  index: fc.record({ kind: fc.constant("index" as const), object: tie("expr"), index: tie("expr") }),
})).expr;

/** Gives a position-free shape dummy offsets so it can be printed. */
function toExpr(s: Shape): Expr {
  const at = { start: 0, end: 0 };
  switch (s.kind) {
    case "string":
    case "number":
      return { ...s, ...at };
    case "call": {
      const call: Expr = { kind: "call", name: s.name, args: s.args.map(toExpr), nameStart: 0, nameEnd: 0, ...at };
      if (s.namespace !== undefined) call.namespace = s.namespace;
      return call;
    }
    case "member":
      return { kind: "member", object: toExpr(s.object), property: s.property, propertyStart: 0, ...at };
    case "index":
      return { kind: "index", object: toExpr(s.object), index: toExpr(s.index), ...at };
  }
}

/** Prints with arbitrary whitespace between tokens (recursive: generated trees are shallow). */
function printSpaced(e: Expr, ws: () => string): string {
  switch (e.kind) {
    case "string":
      return quoteString(e.value);
    case "number":
      return formatNumber(e.value);
    case "call": {
      const callee = e.namespace === undefined ? e.name : `${e.namespace}${ws()}.${ws()}${e.name}`;
      const args = e.args.map((a) => `${ws()}${printSpaced(a, ws)}${ws()}`).join(",");
      return `${callee}${ws()}(${args.length > 0 ? args : ws()})`;
    }
    case "member":
      return `${printSpaced(e.object, ws)}${ws()}.${ws()}${e.property}`;
    case "index":
      return `${printSpaced(e.object, ws)}${ws()}[${ws()}${printSpaced(e.index, ws)}${ws()}]`;
  }
}

function parsed(value: string): Expr {
  const result = parseExpression(value);
  if (!result.ok) throw new Error(`${JSON.stringify(value)} does not parse: ${result.error.message}`);
  return result.expr;
}

const soupTokens = [
  "a", "f", "ns", "(", ")", "'", "''", "'x'", ",", ".", "[", "]", " ", "\n", "1", "-", "-2", "1.5",
  "concat(", "x()", "true", "\"", "{", "@", "\u00a0", "lambda('i', ", ")[0]", ".p",
];

describe("parseExpression never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        for (const value of [s, `[${s}]`]) {
          const result = parseExpression(value);
          if (!result.ok) {
            expect(result.error.start).toBeGreaterThanOrEqual(0);
            // A non-empty range, except for the empty string where [0, 0) is all there is.
            expect(result.error.end).toBeGreaterThan(value.length === 0 ? -1 : result.error.start);
            expect(result.error.end).toBeLessThanOrEqual(value.length);
            expect(result.error.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("on token soup, and whatever parses round-trips through the printer", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...soupTokens), { maxLength: 40 }), (tokens) => {
        const value = `[${tokens.join("")}]`;
        const result = parseExpression(value);
        if (!result.ok) {
          expect(result.error.start).toBeGreaterThanOrEqual(0);
          expect(result.error.end).toBeGreaterThan(result.error.start);
          expect(result.error.end).toBeLessThanOrEqual(value.length);
          return;
        }
        walkExpression(result.expr, (node) => {
          expect(node.start).toBeGreaterThanOrEqual(1);
          expect(node.end).toBeLessThanOrEqual(value.length - 1);
          expect(node.end).toBeGreaterThan(node.start);
        });
        expect(sameStructure(parsed(printExpressionString(result.expr)), result.expr)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("print then parse", () => {
  it("round-trips generated trees structurally", () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const e = toExpr(shape);
        const back = parsed(printExpressionString(e));
        expect(shapeOf(back)).toEqual(shape);
        expect(sameStructure(back, e)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("gives every node the offsets of its own canonical text", () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const value = printExpressionString(toExpr(shape));
        let nodes = 0;
        walkExpression(parsed(value), (node) => {
          nodes++;
          expect(value.slice(node.start, node.end)).toBe(printExpression(node));
          if (node.kind === "call") expect(value.slice(node.nameStart, node.nameEnd)).toBe(node.name);
          if (node.kind === "member") expect(value.slice(node.propertyStart, node.end)).toBe(node.property);
        });
        let expected = 0;
        walkExpression(toExpr(shape), () => expected++);
        expect(nodes).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("ignores whitespace between tokens", () => {
    const spaces = fc.array(fc.constantFrom("", "", " ", "\n", "\t", "\r\n", "\u00a0"), { minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(shapes, spaces, (shape, ws) => {
        let i = 0;
        const next = () => ws[i++ % ws.length]!;
        const e = toExpr(shape);
        expect(sameStructure(parsed(`[${next()}${printSpaced(e, next)}${next()}]`), e)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
