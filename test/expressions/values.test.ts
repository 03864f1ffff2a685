// Value texts: rendering a value or an opaque call gives exactly the compacted text of the whole text,
// however it is built (piece by piece, hashed without joining, ASCII fast paths).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObjectValue, Unknown, callText, compactText, renderValue, type Value } from "../../src/expressions/values.js";

/** The FNV-style hash of the lowercased text, as a plain reference. */
function referenceHash(s: string): string {
  const t = s.toLowerCase();
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

function referenceCompact(s: string): string {
  if (s.length <= 240) return s;
  let cut = 60;
  for (let i = 0; i < cut; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xe003) cut = i;
  }
  return `${s.slice(0, cut)}…#${referenceHash(s)}`;
}

const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * A string with tokens as `concat()` of its literal runs and its top-level tokens (a lone token as itself);
 * quoted whole when its token markers do not pair up. Tokens found by matching each start with its end.
 */
function referenceString(s: string): string {
  if (!s.includes("\uE000")) return referenceCompact(quote(s));
  const tokens: [number, number][] = [];
  let open = -1;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\uE000" && depth++ === 0) open = i;
    if (s[i] === "\uE001" && depth > 0 && --depth === 0) tokens.push([open, i + 1]);
  }
  if (depth !== 0) return referenceCompact(quote(s));
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of tokens) {
    if (start > at) parts.push(quote(s.slice(at, start)));
    parts.push(s.slice(start, end));
    at = end;
  }
  if (at < s.length) parts.push(quote(s.slice(at)));
  return parts.length === 1 && parts[0] === s ? s : referenceCompact(`concat(${parts.join(", ")})`);
}

/** Rendering as the whole text, compacted once per value. */
function referenceRender(v: Value): string {
  if (typeof v === "string") return referenceString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null) return "null()";
  if (v instanceof Unknown) return v.token;
  if (Array.isArray(v)) return referenceCompact(`createArray(${v.map(referenceRender).join(", ")})`);
  if (v instanceof ObjectValue) {
    const parts = [...v.entries.values()].map(({ key, value }) => `'${key}', ${referenceRender(value)}`);
    return referenceCompact(`createObject(${parts.join(", ")})`);
  }
  return v.token;
}

// Characters that exercise every path: ASCII of both cases, quotes, token markers, the ellipsis of compacted
// texts, and characters whose lowercasing is not one ASCII character (İ grows, Σ depends on its neighbours).
const char = fc.constantFrom("a", "B", "z", "Q", "'", "/", " ", "\uE000", "\uE001", "\uE002", "\uE003", "…", "İ", "Σ", "é", "#", "0");
const text = fc.oneof(
  fc.array(char, { maxLength: 12 }).map((cs) => cs.join("")),
  fc.array(char, { minLength: 200, maxLength: 400 }).map((cs) => cs.join("")),
  fc.tuple(fc.array(char, { maxLength: 5 }), fc.integer({ min: 1, max: 300 })).map(([cs, n]) => cs.join("").repeat(n)),
);
const leaf: fc.Arbitrary<Value> = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), text.map((t) => new Unknown(t)));
const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 30 }),
    fc.array(fc.tuple(text, tie("value")), { maxLength: 20 }).map((entries) => {
      const o = new ObjectValue();
      for (const [k, x] of entries) o.set(k, x);
      return o;
    }),
  ),
}));

describe("value texts", () => {
  it("compactText is the prefix and hash of the lowercased text", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(compactText(s)).toBe(referenceCompact(s));
      }),
      { numRuns: 500 },
    );
  });

  it("renderValue is the compacted whole text", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(renderValue(v)).toBe(referenceRender(v));
      }),
      { numRuns: 500 },
    );
  });

  it("callText is the compacted whole call", () => {
    fc.assert(
      fc.property(text, fc.array(value, { maxLength: 10 }), (fn, args) => {
        expect(callText(fn, args)).toBe(referenceCompact(`${fn}(${args.map(referenceRender).join(", ")})`));
      }),
      { numRuns: 300 },
    );
  });
});
