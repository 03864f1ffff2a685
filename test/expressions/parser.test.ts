// Unit tests for string classification and the expression parser (shapes, offsets, errors).

import { describe, expect, it } from "vitest";
import type { Call, Expr, Index, Member, NumberLit, StringLit } from "../../src/expressions/ast.js";
import {
  classifyString,
  isExpressionString,
  isIdentifier,
  MAX_EXPRESSION_DEPTH,
  parseExpression,
  type ExpressionSyntaxError,
} from "../../src/expressions/parser.js";
import { shapeOf } from "./helpers.js";

function ok(value: string): Expr {
  const result = parseExpression(value);
  if (!result.ok) throw new Error(`expected ${value} to parse: ${result.error.message}`);
  return result.expr;
}

function err(value: string): ExpressionSyntaxError {
  const result = parseExpression(value);
  if (result.ok) throw new Error(`expected ${value} to fail`);
  return result.error;
}

function asCall(e: Expr): Call {
  if (e.kind !== "call") throw new Error(`expected a call, got ${e.kind}`);
  return e;
}

const str = (value: string) => ({ kind: "string", value });
const num = (value: number) => ({ kind: "number", value });
const call = (name: string, ...args: unknown[]) => ({ kind: "call", name, args });

describe("classifyString", () => {
  it.each([
    ["abc", "abc"],
    ["", ""],
    ["[", "["],
    ["]", "]"],
    ["[abc", "[abc"],
    ["abc]", "abc]"],
    [" [a()]", " [a()]"],
    ["[a()] ", "[a()] "],
    ["[[foo]", "[foo]"],
    ["[[]", "[]"],
    ["[[", "[["],
    ["[[foo", "[[foo"], // not expression-shaped: nothing to unescape
    ["[[[x]", "[[x]"],
  ])("%j is the literal %j", (input, value) => {
    expect(classifyString(input)).toEqual({ kind: "literal", value });
    expect(isExpressionString(input)).toBe(false);
  });

  it.each([
    ["[x]", 1, 2],
    ["[concat('a')]", 1, 12],
    ["[]", 1, 1], // an (empty) expression: parsing it reports the problem
    ["[ ]", 1, 2],
    ["['[[']", 1, 5],
    ["[\n  concat('a')\n]", 1, 16],
  ])("%j is an expression with body [%i, %i)", (input, start, end) => {
    expect(classifyString(input)).toEqual({ kind: "expression", body: { start, end } });
    expect(isExpressionString(input)).toBe(true);
  });
});

describe("parseExpression: values", () => {
  it("parses a call with exact offsets", () => {
    const e = asCall(ok("[parameters('a')]"));
    expect(e).toEqual({
      kind: "call",
      name: "parameters",
      args: [{ kind: "string", value: "a", start: 12, end: 15 }],
      start: 1,
      end: 16,
      nameStart: 1,
      nameEnd: 11,
    });
    // Present but undefined: the parser gives every call node one shape (see `openCall`).
    expect(e.namespace).toBeUndefined();
  });

  it("unescapes doubled quotes in string literals", () => {
    expect(ok("['it''s']")).toEqual({ kind: "string", value: "it's", start: 1, end: 8 });
    expect(ok("['']")).toEqual({ kind: "string", value: "", start: 1, end: 3 });
    expect(ok("['''']")).toMatchObject({ value: "'" });
    expect(ok("['a''''b']")).toMatchObject({ value: "a''b" });
    expect(ok("[''' ''']")).toMatchObject({ value: "' '" });
  });

  it("keeps brackets, parentheses and newlines inside strings", () => {
    expect(shapeOf(ok("[concat('a]', '(', '\n', ''')')]"))).toEqual(call("concat", str("a]"), str("("), str("\n"), str("')")));
  });

  it("accepts whitespace between all tokens", () => {
    const spaced = "[ \t\n concat ( 'a' ,\r\n parameters( 'b' ) [ 0 ] . c , ns . fn ( ) ) \n ]";
    expect(shapeOf(ok(spaced))).toEqual(
      call(
        "concat",
        str("a"),
        { kind: "member", object: { kind: "index", object: call("parameters", str("b")), index: num(0) }, property: "c" },
        { kind: "call", name: "fn", namespace: "ns", args: [] },
      ),
    );
  });

  it("treats non-breaking and other Unicode spaces as whitespace (as .NET does)", () => {
    expect(shapeOf(ok("[resourceId('a',\u00a0'b')]"))).toEqual(call("resourceId", str("a"), str("b")));
    expect(shapeOf(ok("[\u3000true()\u2028]"))).toEqual(call("true"));
  });

  it("parses integers, negative numbers and decimals", () => {
    expect(ok("[add(1, -2)]")).toMatchObject({
      args: [
        { kind: "number", value: 1, start: 5, end: 6 },
        { kind: "number", value: -2, start: 8, end: 10 },
      ],
    });
    expect(ok("[1.25]")).toEqual({ kind: "number", value: 1.25, start: 1, end: 5 });
    expect(ok("[-0.5]")).toEqual({ kind: "number", value: -0.5, start: 1, end: 5 });
    expect(ok("[007]")).toMatchObject({ value: 7 });
    expect(Object.is((ok("[-0]") as NumberLit).value, -0)).toBe(true);
    expect(ok("[123456789012]")).toMatchObject({ value: 123456789012 });
  });

  it("allows a literal as the whole expression", () => {
    expect(ok("['abc']")).toMatchObject({ kind: "string", value: "abc" });
    expect(ok("[ 42 ]")).toMatchObject({ kind: "number", value: 42, start: 2, end: 4 });
  });

  it("parses nested calls", () => {
    expect(shapeOf(ok("[concat('a', parameters('b'), uniqueString(resourceGroup().id))]"))).toEqual(
      call("concat", str("a"), call("parameters", str("b")), call("uniqueString", {
        kind: "member",
        object: call("resourceGroup"),
        property: "id",
      })),
    );
  });

  it("parses member and index chains with offsets", () => {
    const value = "[reference(parameters('x')).outputs['a'].value]";
    const e = ok(value) as Member;
    expect(e.kind).toBe("member");
    expect(e.property).toBe("value");
    expect(value.slice(e.propertyStart, e.end)).toBe("value");
    expect([e.start, e.end]).toEqual([1, 46]);
    const idx = e.object as Index;
    expect(idx.kind).toBe("index");
    expect(value.slice(idx.start, idx.end)).toBe("reference(parameters('x')).outputs['a']");
    expect(idx.index).toEqual({ kind: "string", value: "a", start: 36, end: 39 });
    const outputs = idx.object as Member;
    expect(outputs.property).toBe("outputs");
    expect(outputs.propertyStart).toBe(28);
    expect(value.slice(outputs.start, outputs.end)).toBe("reference(parameters('x')).outputs");
  });

  it("parses index chains on any primary", () => {
    expect(shapeOf(ok("[createArray(1, 2)[0]]"))).toEqual({
      kind: "index",
      object: call("createArray", num(1), num(2)),
      index: num(0),
    });
    expect(shapeOf(ok("['abc'[0]]"))).toEqual({ kind: "index", object: str("abc"), index: num(0) });
    expect(shapeOf(ok("[split(x(), '/')[add(1, 1)][0]]"))).toMatchObject({
      kind: "index",
      object: { kind: "index", index: call("add", num(1), num(1)) },
      index: num(0),
    });
    expect(shapeOf(ok("[x()[y()[0]]]"))).toEqual({
      kind: "index",
      object: call("x"),
      index: { kind: "index", object: call("y"), index: num(0) },
    });
  });

  it("parses member access on numbers and decimals", () => {
    expect(shapeOf(ok("[1.foo]"))).toEqual({ kind: "member", object: num(1), property: "foo" });
    expect(shapeOf(ok("[1.5.foo]"))).toEqual({ kind: "member", object: num(1.5), property: "foo" });
  });

  it("parses user-defined function calls", () => {
    const value = "[__bicep.fn(1)]";
    const e = asCall(ok(value));
    expect(e).toMatchObject({ name: "fn", namespace: "__bicep", start: 1, end: 14, nameStart: 9, nameEnd: 11 });
    expect(value.slice(e.nameStart, e.nameEnd)).toBe("fn");
    expect(shapeOf(ok("[ns.fn(1).out[0]]"))).toEqual({
      kind: "index",
      object: { kind: "member", object: { kind: "call", name: "fn", namespace: "ns", args: [num(1)] }, property: "out" },
      index: num(0),
    });
  });

  it("keeps function names as written", () => {
    expect(asCall(ok("[resourceID('a', 'b')]")).name).toBe("resourceID");
    expect(asCall(ok("[listKeys(x(), '2020-01-01')]")).name).toBe("listKeys");
  });

  it("keeps names of any case or length as written, known to the function table or not", () => {
    for (const name of ["parameters", "PARAMETERS", "Parameters", "parameter", "parametersX", "subscriptionResourceId", "copyindex", "p", "_", "$", "notAFunctionNameAtAllButLong"]) {
      const c = asCall(ok(`[${name}('a')]`));
      expect(c.name).toBe(name);
      expect([c.nameStart, c.nameEnd]).toEqual([1, 1 + name.length]);
    }
    expect(asCall(ok("[ns.concat()]"))).toMatchObject({ namespace: "ns", name: "concat" });
  });

  it("parses correctly after any earlier parse, failed or large", () => {
    const small = "[concat(parameters('a'), variables('b')[0], 'c')]";
    const expected = shapeOf(ok(small));
    const many = `[concat(${Array.from({ length: 10_000 }, () => "x()").join(", ")})]`;
    for (const earlier of [many, `[a(${"b(".repeat(400)}1, 2, 3]`, `[a(1, 2, ${"[".repeat(100)}`, "[a(b(c(1), 2)", many]) {
      parseExpression(earlier);
      expect(shapeOf(ok(small))).toEqual(expected);
      expect(err("[concat(a(), b()]").message).toMatch(/Missing '\)' to close the call to 'concat'/);
    }
  });

  it("accepts identifiers with '_', '$' and digits, and property names with '$'", () => {
    expect(shapeOf(ok("[_f$1().$schema]"))).toEqual({ kind: "member", object: call("_f$1"), property: "$schema" });
    expect(isIdentifier("a1_$")).toBe(true);
    expect(isIdentifier("1a")).toBe(false);
    expect(isIdentifier("a-b")).toBe(false);
    expect(isIdentifier("")).toBe(false);
  });

  it("parses Bicep lambdas", () => {
    expect(shapeOf(ok("[map(x(), lambda('i', lambdaVariables('i').name))]"))).toEqual(
      call("map", call("x"), call("lambda", str("i"), {
        kind: "member",
        object: call("lambdaVariables", str("i")),
        property: "name",
      })),
    );
  });

  it("parses expressions longer than ARM's 24,576-character limit", () => {
    const args = Array.from({ length: 5000 }, (_, i) => `'${String(i)}'`).join(", ");
    const value = `[concat(${args})]`;
    expect(value.length).toBeGreaterThan(24_576);
    expect(asCall(ok(value)).args).toHaveLength(5000);
  });
});

describe("parseExpression: nesting limit", () => {
  const nested = (depth: number) => `[${"a(".repeat(depth)}${")".repeat(depth)}]`;

  it(`accepts ${MAX_EXPRESSION_DEPTH} nested calls`, () => {
    expect(parseExpression(nested(MAX_EXPRESSION_DEPTH)).ok).toBe(true);
  });

  it("reports 10,000 nested calls as an error, at the first '(' too deep", () => {
    const e = err(nested(10_000));
    expect(e.message).toBe(`Expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels: split it into variables`);
    const k = MAX_EXPRESSION_DEPTH + 1; // the k-th '(' sits at offset 2k
    expect([e.start, e.end]).toEqual([2 * k, 2 * k + 1]);
  });

  it("reports 10,000 unclosed nested calls as too deep", () => {
    expect(err(`[${"a(".repeat(10_000)}]`).message).toMatch(/nested deeper/);
  });

  it("reports deep index nesting and long member or index chains", () => {
    expect(err(`[${"a()[".repeat(10_000)}0${"]".repeat(10_000)}]`).message).toMatch(/nested deeper/);
    expect(err(`[a()${".b".repeat(10_000)}]`).message).toMatch(/nested deeper/);
    expect(err(`[a()${"[0]".repeat(10_000)}]`).message).toMatch(/nested deeper/);
    expect(parseExpression(`[a()${".b".repeat(MAX_EXPRESSION_DEPTH - 1)}]`).ok).toBe(true);
    expect(parseExpression(`[a()${".b".repeat(MAX_EXPRESSION_DEPTH)}]`).ok).toBe(false);
  });

  it("never throws on pathological input", () => {
    for (const value of [
      `[${"(".repeat(100_000)}]`,
      `[${"'".repeat(100_001)}]`,
      `[${"[".repeat(100_000)}]`,
      `[a(${",".repeat(100_000)})]`,
      `[${"a.".repeat(100_000)}]`,
    ]) {
      expect(() => parseExpression(value)).not.toThrow();
    }
  });
});

describe("parseExpression: errors", () => {
  // [input, message (exact or pattern), start, end]
  const cases: [string, string | RegExp, number, number][] = [
    ["[]", /^Empty expression: put a function call between the brackets/, 0, 2],
    ["[  ]", /^Empty expression/, 0, 4],
    ["[concat('a']", "Missing ')' to close the call to 'concat' opened at column 8", 1, 11],
    ["[concat('a',]", "Missing ')' to close the call to 'concat' opened at column 8", 1, 12],
    ["[ns.fn(]", "Missing ')' to close the call to 'ns.fn' opened at column 7", 1, 7],
    ["[a(b(]", "Missing ')' to close the call to 'b' opened at column 5", 3, 5],
    ["['abc]", "Unterminated string literal: add a closing single quote (a quote inside the text is written '')", 1, 5],
    ["[concat('it's')]", /^Expected ',' or '\)' after argument 1 of 'concat', found 's'/, 12, 13],
    ["[concat('a') 'b']", /^Unexpected text after the expression: an expression is a single value/, 13, 16],
    ["[a(), b()]", /^Unexpected ',' after the expression/, 4, 9],
    ["[concat('a' 'b')]", "Expected ',' or ')' after argument 1 of 'concat', found ''b'': separate arguments with ','", 12, 15],
    ["[concat(,'a')]", "Missing argument before ',' in the call to 'concat': add the argument or remove the comma", 8, 9],
    ["[concat('a',,'b')]", /^Missing argument before ','/, 12, 13],
    ["[concat('a',)]", "Missing argument after ',' in the call to 'concat': remove the trailing comma or add an argument", 11, 12],
    ["[concat('a']]", "Missing ')' to close the call to 'concat' opened at column 8: found ']' instead", 11, 12],
    ["[foo]", "'foo' is not a function call: add an argument list, as in foo(...), or quote text as 'foo'", 1, 4],
    ["[concat(foo, 'a')]", /^'foo' is not a function call/, 8, 11],
    ["[true]", "'true' is a function in ARM expressions: write true()", 1, 5],
    ["[if(x(), Null, 1)]", "'Null' is a function in ARM expressions: write Null()", 9, 13],
    ["[ns.fn]", /^'ns\.fn' is not a function call: call a user-defined function as ns\.fn\(\.\.\.\)/, 1, 6],
    ["[ns.(1)]", /^Expected a function name after 'ns\.'/, 3, 4],
    ["[a().]", /^Expected a property name after '\.'/, 4, 5],
    ["[a().1]", /^Expected a property name after '\.': for a name that is not an identifier, write \['name'\]/, 4, 6],
    ["[a()[]]", "Empty index: put an index (a number or a string) between '[' and ']'", 4, 6],
    ["[a()[0]", "Missing ']' to close the index opened at column 5", 4, 6],
    ["[a()[0)]", "Missing ']' to close the index opened at column 5: found ')' instead", 6, 7],
    ["[a())]", "Unexpected ')': it closes no call; remove it", 4, 5],
    ["[a()]]", "Unexpected ']': it closes no index; remove it", 4, 5],
    ["[-x()]", /^'-' must be followed by a digit: a negative number is written -1 \(to subtract, use sub\(a, b\)\)/, 1, 2],
    ["[add(1, - 2)]", /^'-' must be followed by a digit/, 8, 9],
    ['["a"]', "String literals use single quotes: write 'text', not \"text\"", 1, 2],
    ["[createArray([1])]", /^Unexpected '\[': there are no array literals; build an array with createArray/, 13, 14],
    ["[{}]", /^Unexpected '\{': there are no object literals; build an object with createObject/, 1, 2],
    ["[@x]", "Unexpected '@': expected a function call, a string in single quotes, or a number", 1, 2],
    ["[a(.)]", /^Unexpected '\.'/, 3, 4],
    ["[1 2]", /^Unexpected text after the expression/, 3, 4],
    ["[a()b]", /^Unexpected text after the expression/, 4, 5],
    ["abc", "Not an expression: an expression string starts with '[' and ends with ']'", 0, 3],
    ["[[a()]", /^Not an expression: a string starting with '\[\[' is literal text/, 0, 6],
  ];

  it.each(cases)("%j", (input, message, start, end) => {
    const e = err(input);
    if (typeof message === "string") expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
    expect([e.start, e.end]).toEqual([start, end]);
  });

  it("keeps every error range inside the string", () => {
    for (const [input] of cases) {
      const e = err(input);
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeGreaterThan(e.start);
      expect(e.end).toBeLessThanOrEqual(input.length);
    }
  });

  it("types nodes precisely", () => {
    const s: StringLit = { kind: "string", value: "x", start: 1, end: 4 };
    expect(ok("['x']")).toEqual(s);
  });
});
