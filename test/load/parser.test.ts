// Unit tests of the JSON parser: node kinds and offsets, ARM's dialect, errors, limits.
import { describe, expect, it } from "vitest";
import type { JsonArray, JsonNode, JsonObject, JsonString } from "../../src/load/json.js";
import { parseJson } from "../../src/load/parser.js";
import { toPlainValue } from "../../src/load/loader.js";

function ok(text: string): JsonNode {
  const r = parseJson(text);
  expect(r.errors).toEqual([]);
  expect(r.root).toBeDefined();
  return r.root!;
}

function err(text: string, limits?: Parameters<typeof parseJson>[1]): { message: string; offset: number; length: number } {
  const r = parseJson(text, limits);
  expect(r.root).toBeUndefined();
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
}

function prop(obj: JsonNode, key: string): JsonNode {
  expect(obj.type).toBe("object");
  const p = (obj as JsonObject).properties.find((q) => q.key === key);
  expect(p).toBeDefined();
  return p!.value;
}

describe("node kinds and exact offsets", () => {
  const text = '{"s": "x", "n": -1.5e2, "t": true, "f": false, "z": null, "a": [1, "b"], "o": {}}';
  const root = ok(text);

  it("object", () => {
    expect(root).toMatchObject({ type: "object", offset: 0, length: text.length });
    const o = root as JsonObject;
    expect(o.properties.map((p) => p.key)).toEqual(["s", "n", "t", "f", "z", "a", "o"]);
    const s = o.properties[0]!;
    expect(s.keyOffset).toBe(1);
    expect(s.keyLength).toBe(3);
    expect(text.slice(s.keyOffset, s.keyOffset + s.keyLength)).toBe('"s"');
  });

  it("every property's key span is the quoted key", () => {
    for (const p of (root as JsonObject).properties) {
      expect(text.slice(p.keyOffset, p.keyOffset + p.keyLength)).toBe(JSON.stringify(p.key));
    }
  });

  it("string", () => {
    expect(prop(root, "s")).toEqual({ type: "string", offset: 6, length: 3, value: "x" });
  });

  it("number", () => {
    expect(prop(root, "n")).toEqual({ type: "number", offset: 16, length: 6, value: -150 });
  });

  it("booleans and null", () => {
    expect(prop(root, "t")).toEqual({ type: "boolean", offset: 29, length: 4, value: true });
    expect(prop(root, "f")).toEqual({ type: "boolean", offset: 40, length: 5, value: false });
    expect(prop(root, "z")).toEqual({ type: "null", offset: 52, length: 4, value: null });
  });

  it("array", () => {
    const a = prop(root, "a") as JsonArray;
    expect(a.type).toBe("array");
    expect(text.slice(a.offset, a.offset + a.length)).toBe('[1, "b"]');
    expect(a.items).toEqual([
      { type: "number", offset: a.offset + 1, length: 1, value: 1 },
      { type: "string", offset: a.offset + 4, length: 3, value: "b" },
    ]);
  });

  it("empty object", () => {
    const o = prop(root, "o");
    expect(o).toEqual({ type: "object", offset: text.length - 3, length: 2, properties: [] });
  });

  it("scalars at the root, with surrounding whitespace", () => {
    expect(ok("  42 ")).toEqual({ type: "number", offset: 2, length: 2, value: 42 });
    expect(ok('\n"a"\n')).toEqual({ type: "string", offset: 1, length: 3, value: "a" });
    expect(ok("null")).toEqual({ type: "null", offset: 0, length: 4, value: null });
    expect(ok("[]")).toEqual({ type: "array", offset: 0, length: 2, items: [] });
  });

  it("every node's span re-parses to the node's value", () => {
    const t = '{\n  "a": [1, {"b": "c\\n"}, [], -0.5],\n  "d": {"e": [true, null]}\n}';
    const stack: JsonNode[] = [ok(t)];
    while (stack.length > 0) {
      const n = stack.pop()!;
      expect(JSON.parse(t.slice(n.offset, n.offset + n.length))).toEqual(toPlainValue(n));
      if (n.type === "object") for (const p of n.properties) stack.push(p.value);
      if (n.type === "array") stack.push(...n.items);
    }
  });
});

describe("numbers", () => {
  it.each([
    ["0", 0],
    ["-0", -0],
    ["7", 7],
    ["-12", -12],
    ["3.25", 3.25],
    ["1e3", 1000],
    ["1E+3", 1000],
    ["25e-1", 2.5],
    ["-0.0e0", -0],
    ["123456789012345", 123456789012345],
    ["12345678901234567890", Number("12345678901234567890")],
    ["1e400", Infinity],
  ])("%s", (text, value) => {
    const n = ok(text);
    expect(n.type).toBe("number");
    expect(Object.is((n as { value: number }).value, value)).toBe(true);
    expect(n.length).toBe(text.length);
  });

  it.each([
    ["01", 0, "leading zeros"],
    ["-", 0, "'-' must be followed by a digit"],
    ["-a", 0, "'-' must be followed by a digit"],
    ["1.", 0, "decimal point"],
    ["1.e5", 0, "decimal point"],
    ["1e", 0, "exponent"],
    ["1e+", 0, "exponent"],
    ["[1, .5]", 4, "expected a value"],
    ["+1", 0, "expected a value"],
  ])("rejects %s", (text, offset, message) => {
    const e = err(text);
    expect(e.offset).toBe(offset);
    expect(e.message).toContain(message);
  });
});

describe("ARM dialect", () => {
  it("line comments", () => {
    const r = parseJson('// header\n{"a": 1 // trailing\n, "b": 2}\n// end');
    expect(r.errors).toEqual([]);
    expect(r.hasComments).toBe(true);
    expect(toPlainValue(r.root!)).toEqual({ a: 1, b: 2 });
  });

  it("block comments at start, end and between every token", () => {
    const t = '/*s*/{/*1*/"a"/*2*/:/*3*/[/*4*/1/*5*/,/*6*/2/*7*/]/*8*/}/*e*/';
    const r = parseJson(t);
    expect(r.errors).toEqual([]);
    expect(r.hasComments).toBe(true);
    expect(toPlainValue(r.root!)).toEqual({ a: [1, 2] });
    const o = r.root as JsonObject;
    expect(o.offset).toBe(5);
    expect(t.slice(o.offset, o.offset + o.length)).toBe('{/*1*/"a"/*2*/:/*3*/[/*4*/1/*5*/,/*6*/2/*7*/]/*8*/}');
  });

  it("line comment ended by CR, and comment at end of file without newline", () => {
    const r = parseJson('{"a": 1 // x\r"b": 2}'.replace('"b"', ', "b"'));
    expect(r.errors).toEqual([]);
    expect(parseJson("[1] // end").errors).toEqual([]);
  });

  it("comment markers inside strings are text", () => {
    const r = parseJson('{"a": "http://x/*y*/"}');
    expect(r.hasComments).toBe(false);
    expect(toPlainValue(r.root!)).toEqual({ a: "http://x/*y*/" });
  });

  it("no comments → hasComments false", () => {
    expect(parseJson('{"a": 1}').hasComments).toBe(false);
  });

  it("unterminated block comment", () => {
    const e = err('{"a": 1 /* never closed }');
    expect(e.offset).toBe(8);
    expect(e.message).toMatch(/Unterminated block comment/);
  });

  it("stray slash", () => {
    const e = err('{"a": 1 / 2}');
    expect(e.offset).toBe(8);
    expect(e.message).toMatch(/'\/'/);
  });

  it("trailing commas in objects and arrays", () => {
    expect(toPlainValue(ok('{"a": [1, 2, ], "b": {"c": 1,},}'))).toEqual({ a: [1, 2], b: { c: 1 } });
    expect(toPlainValue(ok("[1,\n]"))).toEqual([1]);
  });

  it("a lone comma or double comma is still an error", () => {
    expect(err("[,]").offset).toBe(1);
    expect(err("[1,,2]").offset).toBe(3);
    expect(err("{,}").offset).toBe(1);
    expect(err('{"a":1,,}').offset).toBe(7);
  });

  it("raw control characters inside strings", () => {
    const raw = "a\tb\nc\rd\u0001e\u001f";
    const s = ok(`"${raw}"`) as JsonString;
    expect(s.value).toBe(raw);
    expect(s.length).toBe(raw.length + 2);
  });

  it("duplicate keys are all kept, in order", () => {
    const o = ok('{"a": 1, "A": 2, "a": 3}') as JsonObject;
    expect(o.properties.map((p) => [p.key, (p.value as { value: number }).value])).toEqual([
      ["a", 1],
      ["A", 2],
      ["a", 3],
    ]);
  });
});

describe("strings and escapes", () => {
  it("all simple escapes", () => {
    const s = ok(String.raw`"\" \\ \/ \b \f \n \r \t"`) as JsonString;
    expect(s.value).toBe('" \\ / \b \f \n \r \t');
  });

  it("unicode escapes incl. surrogate pairs and lone surrogates", () => {
    expect((ok(String.raw`"\u0041\u00e9\u20AC"`) as JsonString).value).toBe("Aé€");
    expect((ok(String.raw`"\ud83d\ude00"`) as JsonString).value).toBe("😀");
    expect((ok(String.raw`"\ud800"`) as JsonString).value).toBe("\ud800");
  });

  it("literal non-ASCII and astral characters", () => {
    const s = ok('"é😀"') as JsonString;
    expect(s.value).toBe("é😀");
    expect(s.length).toBe(5);
  });

  it("escaped strings keep exact spans, and strings after them are correct", () => {
    const t = String.raw`["a\"b", "plain", "c\\", "d"]`;
    const a = ok(t) as JsonArray;
    expect(a.items.map((n) => t.slice(n.offset, n.offset + n.length))).toEqual([String.raw`"a\"b"`, '"plain"', String.raw`"c\\"`, '"d"']);
    expect(a.items.map((n) => (n as JsonString).value)).toEqual(['a"b', "plain", "c\\", "d"]);
  });

  it("keys with escapes", () => {
    const o = ok(String.raw`{"a\u0062": 1}`) as JsonObject;
    expect(o.properties[0]).toMatchObject({ key: "ab", keyOffset: 1, keyLength: 9 });
  });

  it("invalid escape", () => {
    const e = err(String.raw`{"a": "x\qy"}`);
    expect(e.offset).toBe(8);
    expect(e.length).toBe(2);
    expect(e.message).toMatch(/Invalid escape sequence '\\q'/);
  });

  it("invalid unicode escapes", () => {
    const e = err(String.raw`"ab\u12G4"`);
    expect(e.offset).toBe(3);
    expect(e.message).toMatch(/four hex digits/);
    expect(err(String.raw`"\u12"`)).toMatchObject({ offset: 1, length: 4 });
    expect(err(String.raw`"\u12`)).toMatchObject({ offset: 0, message: expect.stringContaining("Unterminated string") as unknown });
  });

  it("unterminated strings", () => {
    expect(err('{"a": "abc').offset).toBe(6);
    expect(err('{"a": "abc\\"').offset).toBe(6);
    expect(err('{"a": "abc\\').offset).toBe(6);
    expect(err('{"abc').offset).toBe(1);
    expect(err('"').message).toMatch(/Unterminated string/);
  });
});

describe("syntax errors carry exact offsets", () => {
  it.each([
    ['{"a": }', 6, "expected a value"],
    ['{"a" 1}', 5, "expected ':'"],
    ['{"a": 1 "b": 2}', 8, "expected ',' or '}'"],
    ["[1 2]", 3, "expected ',' or ']'"],
    ['{"a": 1]', 7, "closed with '}'"],
    ["[1}", 2, "closed with ']'"],
    ["{a: 1}", 1, "property name"],
    ["{'a': 1}", 1, "double quotes"],
    ["['a']", 1, "double quotes"],
    ["[undefined]", 1, "Unexpected word 'undefined'"],
    ["[NaN]", 1, "Unexpected word 'NaN'"],
    ["[tru]", 1, "Unexpected word 'tru'"],
    ['{"a": 1}}', 8, "after the end of the JSON value"],
    ['{"a": 1} x', 9, "after the end of the JSON value"],
    ["[1]\u00a0", 3, "U+00A0"],
    ["\ufeff{}", 0, "byte order mark"],
    ["[\u0001]", 1, "control character U+0001"],
  ])("%j", (text, offset, message) => {
    const e = err(text);
    expect(e.offset).toBe(offset);
    expect(e.message).toContain(message);
    expect(e.length).toBeGreaterThan(0);
  });

  it.each([
    ["{", "expected a property name or '}'"],
    ['{"a"', "expected ':'"],
    ['{"a":', "expected a value"],
    ['{"a": 1', "object is not closed"],
    ['{"a": 1,', "expected a property name or '}'"],
    ["[", "expected a value"],
    ["[1", "array is not closed"],
    ["[1,", "expected a value"],
    ['{"a": [1, {"b": tr', "Unexpected word 'tr'"],
  ])("truncated %j", (text, message) => {
    const e = err(text);
    expect(e.message).toContain(message);
    if (!message.startsWith("Unexpected word")) {
      expect(e.offset).toBe(text.length);
      expect(e.length).toBe(0);
    }
  });

  it("empty and whitespace-only input", () => {
    for (const t of ["", "   ", "\r\n\t \n"]) {
      const e = err(t);
      expect(e.message).toMatch(/File is empty/);
      expect(e.offset).toBe(0);
    }
    expect(err("// nothing\n/* here */").message).toMatch(/only comments/);
  });
});

describe("prototype safety", () => {
  it("__proto__, constructor and prototype are ordinary keys", () => {
    const text = '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "prototype": 3}';
    const root = ok(text) as JsonObject;
    expect(root.properties.map((p) => p.key)).toEqual(["__proto__", "constructor", "prototype"]);
    const plain = toPlainValue(root) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(Object.keys(plain)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.prototype.hasOwnProperty.call(plain, "__proto__")).toBe(true);
    expect(plain.__proto__).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(plain)).toBe(JSON.stringify(JSON.parse(text)));
  });
});

describe("limits", () => {
  it("100,000 levels of nesting → depth error at the first bracket over the limit, no throw", () => {
    const e = err("[".repeat(100_000));
    expect(e.offset).toBe(1000);
    expect(e.message).toContain("Nesting deeper than 1000 levels");
    expect(err("{\"a\":".repeat(100_000)).message).toContain("Nesting deeper than 1000 levels");
  });

  it("nesting exactly at the limit parses", () => {
    const root = ok("[".repeat(1000) + "]".repeat(1000));
    let depth = 0;
    let n: JsonNode | undefined = root;
    while (n?.type === "array") {
      depth++;
      n = n.items[0];
    }
    expect(depth).toBe(1000);
    expect(err("[".repeat(1001) + "]".repeat(1001)).offset).toBe(1000);
  });

  it("custom depth limit", () => {
    expect(parseJson("[[[]]]", { maxDepth: 3 }).errors).toEqual([]);
    expect(err("[[[[]]]]", { maxDepth: 3 })).toMatchObject({ offset: 3 });
  });

  it("1,000,000 array elements", () => {
    const root = ok("[" + "0,".repeat(999_999) + "0]") as JsonArray;
    expect(root.items).toHaveLength(1_000_000);
    expect(root.items[999_999]).toEqual({ type: "number", offset: 1_999_999, length: 1, value: 0 });
  });

  it("a 10 MB string: over the (default 5M) limit → error; under a raised limit → parses", () => {
    const big = "a".repeat(10_000_000);
    const text = `{"data": "${big}"}`;
    const e = err(text);
    expect(e.offset).toBe(9);
    expect(e.message).toContain("String longer than 5000000 characters");
    const r = parseJson(text, { maxStringLength: 10_000_000 });
    expect(r.errors).toEqual([]);
    const v = prop(r.root!, "data") as JsonString;
    expect(v.value.length).toBe(10_000_000);
    expect(v.length).toBe(10_000_002);
  });

  it("the string limit also applies to escaped strings and keys", () => {
    expect(err(`"${"\\n".repeat(20)}"`, { maxStringLength: 10 }).message).toContain("String longer than 10");
    expect(err(`{"${"k".repeat(20)}": 1}`, { maxStringLength: 10 }).offset).toBe(1);
  });
});

describe("never throws", () => {
  it("odd inputs", () => {
    const inputs = ["\0", "\ud800", "[\ud800]", '"\\', "/", "/*", "//", "-", "-0-", "1e", "}", "]", ":", ",", "[" + "\\".repeat(100)];
    for (const t of inputs) {
      expect(() => parseJson(t)).not.toThrow();
      const r = parseJson(t);
      expect(r.errors.length + (r.root === undefined ? 0 : 1)).toBe(1);
    }
  });
});
