// Unit tests of stringValueIndexToOffset: value index → source offset through escapes.
import { describe, expect, it } from "vitest";
import type { JsonString } from "../../src/load/json.js";
import { parseJson } from "../../src/load/parser.js";
import { stringValueIndexToOffset } from "../../src/load/strings.js";

function stringAt(text: string): JsonString {
  const root = parseJson(text).root!;
  return (root.type === "array" ? root.items[0] : root) as JsonString;
}

describe("stringValueIndexToOffset", () => {
  it("no escapes: offset + 1 + index", () => {
    const text = '  "[concat(1)]"';
    const node = stringAt(text);
    for (let i = 0; i < node.value.length; i++) {
      expect(text[stringValueIndexToOffset(text, node, i)]).toBe(node.value[i]);
    }
    expect(stringValueIndexToOffset(text, node, 0)).toBe(3);
  });

  it("escapes map to their backslash; plain characters map to themselves", () => {
    const text = String.raw`["a\"b\u0041c\\d\ud83d\ude00e"]`;
    const node = stringAt(text);
    expect(node.value).toBe('a"bAc\\d😀e');
    const offsets = Array.from({ length: node.value.length }, (_, i) => stringValueIndexToOffset(text, node, i));
    const expected = [
      text.indexOf("a"),
      text.indexOf('\\"'),
      text.indexOf("b"),
      text.indexOf("\\u0041"),
      text.indexOf("c"),
      text.indexOf("\\\\"),
      text.indexOf("d"),
      text.indexOf("\\ud83d"),
      text.indexOf("\\ude00"),
      text.lastIndexOf("e"),
    ];
    expect(offsets).toEqual(expected);
  });

  it("an index past the end maps to the closing quote; negative to the first character", () => {
    const text = String.raw`"x\ny"`;
    const node = stringAt(text);
    expect(stringValueIndexToOffset(text, node, 3)).toBe(text.length - 1);
    expect(stringValueIndexToOffset(text, node, 100)).toBe(text.length - 1);
    expect(stringValueIndexToOffset(text, node, -1)).toBe(1);
    const plain = stringAt('"ab"');
    expect(stringValueIndexToOffset('"ab"', plain, 10)).toBe(3);
  });

  it("a backslash after the string does not matter", () => {
    const text = String.raw`["abc", "d\ne"]`;
    const node = stringAt(text);
    expect(stringValueIndexToOffset(text, node, 2)).toBe(4);
  });

  it("agrees with a brute-force mapping on every index", () => {
    const raw = String.raw`p\t\u00e9q\/r\"s\\`;
    const text = `{"k": "${raw}"}`;
    const node = (parseJson(text).root as { properties: { value: JsonString }[] }).properties[0]!.value;
    // Brute force: the offset of index i is where decoding the raw prefix first yields i + 1 characters.
    for (let i = 0; i < node.value.length; i++) {
      const off = stringValueIndexToOffset(text, node, i);
      const prefix = text.slice(node.offset + 1, off);
      expect((JSON.parse(`"${prefix}"`) as string).length).toBe(i);
    }
  });
});
