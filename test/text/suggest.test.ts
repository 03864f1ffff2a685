// Tests for the "did you mean" helpers: edit distance, the nearest candidate, and the near-miss list.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestWord, editDistance, similarWords } from "../../src/text/suggest.js";

/** Levenshtein distance by its recursive definition (memoized): the reference for the row-by-row version. */
function referenceDistance(a: string, b: string): number {
  const memo = new Map<string, number>();
  const d = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${String(i)},${String(j)}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      memo.set(key, v);
    }
    return v;
  };
  return d(a.length, b.length);
}

/** The first candidate at the smallest distance, if within `max`: closestWord without its length shortcut. */
function referenceClosest(word: string, candidates: string[], max: number, ignoreCase: boolean): string | undefined {
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const distances = candidates.map((c) => editDistance(fold(word), fold(c)));
  const min = Math.min(...distances);
  return min <= max ? candidates[distances.indexOf(min)] : undefined;
}

const shortWord = fc.string({ unit: fc.constantFrom("a", "b", "c", "A", "B", "-"), maxLength: 8 });

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("--fromat", "--format")).toBe(2);
    expect(editDistance("Sku", "sku")).toBe(1);
  });

  it("agrees with the recursive definition, and is symmetric", () => {
    fc.assert(
      fc.property(shortWord, shortWord, (a, b) => {
        expect(editDistance(a, b)).toBe(referenceDistance(a, b));
        expect(editDistance(b, a)).toBe(editDistance(a, b));
      }),
    );
  });
});

describe("closestWord", () => {
  const options = ["--format", "--output", "--config", "--quiet"];

  it("finds the nearest candidate within the distance, else nothing", () => {
    expect(closestWord("--fromat", options, 2)).toBe("--format");
    expect(closestWord("--outptu", options, 2)).toBe("--output");
    expect(closestWord("--xyz", options, 2)).toBeUndefined();
    expect(closestWord("--fromat", options, 1)).toBeUndefined();
    expect(closestWord("x", [], 2)).toBeUndefined();
  });

  it("takes the first candidate on ties", () => {
    expect(closestWord("cat", ["bat", "cut", "car"], 2)).toBe("bat");
    expect(closestWord("cat", ["dog", "cut", "bat"], 2)).toBe("cut");
  });

  it("is case-sensitive unless asked, and returns the candidate as written", () => {
    expect(closestWord("LOCATION", ["location", "locations"], 2)).toBeUndefined();
    expect(closestWord("LOCATON", ["location", "Locations"], 2, true)).toBe("location");
    expect(closestWord("storageName", ["StorageName"], 0, true)).toBe("StorageName");
  });

  it("agrees with a search over every candidate", () => {
    fc.assert(
      fc.property(shortWord, fc.array(shortWord, { maxLength: 6 }), fc.nat(4), fc.boolean(), (word, candidates, max, ignoreCase) => {
        expect(closestWord(word, candidates, max, ignoreCase)).toBe(referenceClosest(word, candidates, max, ignoreCase));
      }),
    );
  });
});

describe("similarWords", () => {
  it("lists the near misses, closest first, then by name", () => {
    expect(similarWords("principalTyp", ["principalType", "principalId", "roleDefinitionId"])).toEqual(["principalType", "principalId"]);
    expect(similarWords("prevew", ["preview", "beta", "privatepreview"])).toEqual(["preview"]);
    expect(similarWords("abcd", ["abce", "abxd", "abcdef"])).toEqual(["abce", "abxd"]);
  });

  it("leaves out a candidate equal to the word but for case", () => {
    expect(similarWords("SKU", ["sku"])).toEqual([]);
    expect(similarWords("Sku", ["sku", "skus"])).toEqual(["skus"]);
  });

  it("allows more edits for longer words, or the distance given", () => {
    expect(similarWords("abcd", ["abxy"])).toEqual([]); // 4 characters: 1 edit
    expect(similarWords("abcdefgh", ["abcdefxy"])).toEqual(["abcdefxy"]); // up to 8: 2 edits
    expect(similarWords("abcdefgh", ["abcdexyz"])).toEqual([]);
    expect(similarWords("abcdefghi", ["abcdefxyz"])).toEqual(["abcdefxyz"]); // longer: 3 edits
    expect(similarWords("abcd", ["abxy"], 2)).toEqual(["abxy"]);
  });
});
