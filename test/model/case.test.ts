// Property tests of the model's case-insensitive key handling against plain toLowerCase comparisons,
// with keys that mix ASCII and characters whose lower case is special (Kelvin sign, dotted I, sigma).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonNode, JsonObject, JsonProperty } from "../../src/load/json.js";
import { buildModel, propEntry } from "../../src/model/build.js";

const key = fc.array(fc.constantFrom("a", "A", "k", "K", "\u212a", "i", "I", "\u0130", "\u0307", "\u03a3", "\u03c3", "\u03c2", "s", "S", "\u00df"), { maxLength: 4 }).map((cs) => cs.join(""));

function object(keys: string[], extra: JsonProperty[] = []): JsonObject {
  const value: JsonNode = { type: "null", offset: 0, length: 4, value: null };
  const properties = keys.map((k, i): JsonProperty => ({ key: k, keyOffset: i, keyLength: k.length + 2, value }));
  return { type: "object", offset: 0, length: 0, properties: [...properties, ...extra] };
}

describe("case-insensitive keys", () => {
  it("propEntry finds the last key whose lower case equals the searched one's (and has its length)", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 8 }), key, (keys, wanted) => {
        const obj = object(keys);
        const k = wanted.toLowerCase();
        const expected = obj.properties.findLast((p) => p.key.length === k.length && p.key.toLowerCase() === k);
        expect(propEntry(obj, wanted)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("duplicate keys of a template are reported like a map of lowercased keys would (small and large objects)", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 24 }), (keys) => {
        const resources: JsonProperty = { key: "resources", keyOffset: 1000, keyLength: 11, value: { type: "array", offset: 0, length: 2, items: [] } };
        const root = object(keys, [resources]);
        const expected: number[] = [];
        const seen = new Set<string>();
        for (const p of root.properties) {
          const lower = p.key.toLowerCase();
          if (seen.has(lower)) expected.push(p.keyOffset);
          else seen.add(lower);
        }
        const found = buildModel(root, "t.json").diagnostics.filter((d) => d.ruleId === "arm/duplicate-key").map((d) => d.offset);
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
