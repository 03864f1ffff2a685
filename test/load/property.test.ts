// Property-based tests of the parser: never throws, and agrees with JSON.parse on standard JSON.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonNode } from "../../src/load/json.js";
import { toPlainValue } from "../../src/load/loader.js";
import { parseJson } from "../../src/load/parser.js";

/** Exactly one of root / one error, and the error offset lies within the text. */
function checkResultShape(text: string): void {
  const r = parseJson(text);
  if (r.root === undefined) {
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0]!;
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset + e.length).toBeLessThanOrEqual(text.length);
    expect(e.message.length).toBeGreaterThan(0);
  } else {
    expect(r.errors).toEqual([]);
  }
}

/** Every node's span re-parses (with JSON.parse) to that node's value, and key spans to the key. */
function checkSpans(text: string, root: JsonNode): void {
  const stack: JsonNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    expect(JSON.parse(text.slice(n.offset, n.offset + n.length))).toEqual(toPlainValue(n));
    if (n.type === "object") {
      for (const p of n.properties) {
        expect(JSON.parse(text.slice(p.keyOffset, p.keyOffset + p.keyLength))).toBe(p.key);
        stack.push(p.value);
      }
    } else if (n.type === "array") {
      stack.push(...n.items);
    }
  }
}

const jsonish = fc.constantFrom(..."{}[],:\"\\/*\n\r\t 0123456789-+.eEtrufalsn'xu".split(""), "//", "/*", "*/", "\\u", "true", "null", "\u2028", "\ud800");

const mutation = fc.record({
  kind: fc.constantFrom("delete", "insert", "replace", "truncate", "duplicate"),
  at: fc.nat(),
  piece: fc.oneof(jsonish, fc.string({ maxLength: 3 })),
});

function mutate(text: string, ops: { kind: string; at: number; piece: string }[]): string {
  let s = text;
  for (const op of ops) {
    const i = s.length === 0 ? 0 : op.at % (s.length + 1);
    switch (op.kind) {
      case "delete":
        s = s.slice(0, i) + s.slice(i + 1);
        break;
      case "insert":
        s = s.slice(0, i) + op.piece + s.slice(i);
        break;
      case "replace":
        s = s.slice(0, i) + op.piece + s.slice(i + op.piece.length);
        break;
      case "truncate":
        s = s.slice(0, i);
        break;
      default:
        s = s.slice(0, i) + s.slice(i, i + 5) + s.slice(i);
    }
  }
  return s;
}

describe("parseJson never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        checkResultShape(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("on arbitrary unicode strings (incl. lone surrogates)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        checkResultShape(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("on strings of JSON-ish tokens", () => {
    fc.assert(
      fc.property(fc.string({ unit: jsonish, maxLength: 60 }), (s) => {
        checkResultShape(s);
      }),
      { numRuns: 3000 },
    );
  });

  it("on mutated JSON", () => {
    fc.assert(
      fc.property(fc.json(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (json, ops) => {
        checkResultShape(mutate(json, ops));
      }),
      { numRuns: 3000 },
    );
  });

  it("with tiny limits", () => {
    fc.assert(
      fc.property(fc.json(), fc.nat({ max: 4 }), fc.nat({ max: 8 }), (json, maxDepth, maxStringLength) => {
        expect(() => parseJson(json, { maxDepth, maxStringLength })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe("agrees with JSON.parse", () => {
  it("toPlainValue(parseJson(JSON.stringify(v))) deep-equals JSON.parse, compact and indented", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = parseJson(text);
        expect(r.errors).toEqual([]);
        const expected: unknown = JSON.parse(text);
        const actual = toPlainValue(r.root!);
        expect(actual).toEqual(expected);
        // Same keys in the same order (incl. __proto__ as an own key), same -0.
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 1000 },
    );
  });

  it("with unicode strings and keys", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (value) => {
        const text = JSON.stringify(value);
        const r = parseJson(text);
        expect(r.errors).toEqual([]);
        expect(toPlainValue(r.root!)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("every node's offset/length spans exactly its source text", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 1), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = parseJson(text);
        checkSpans(text, r.root!);
      }),
      { numRuns: 300 },
    );
  });

  it("JSON.parse and parseJson accept the same standard JSON (mutated)", () => {
    fc.assert(
      fc.property(fc.json(), fc.array(mutation, { maxLength: 2 }), (json, ops) => {
        const text = mutate(json, ops);
        let strict: unknown;
        let strictOk = true;
        try {
          strict = JSON.parse(text);
        } catch {
          strictOk = false;
        }
        const r = parseJson(text);
        if (strictOk) {
          // Anything standard JSON accepts, the ARM parser accepts with the same value.
          expect(r.errors).toEqual([]);
          expect(toPlainValue(r.root!)).toEqual(strict);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

it("-0 is kept", () => {
  expect(Object.is(toPlainValue(parseJson("-0").root!), -0)).toBe(true);
  expect(Object.is((toPlainValue(parseJson("[-0.0]").root!) as number[])[0], -0)).toBe(true);
});
