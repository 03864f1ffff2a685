// Maps an index in a JSON string's unescaped value back to the offset of that character in the source text.

import type { JsonString } from "./json.js";

/**
 * Offset in `text` of the character at `index` of `node.value` (UTF-16 code units, like `String#charAt`).
 * An escape such as `\"` or `\u00e9` maps to the offset of its backslash. Indexes past the end of the
 * value map to the closing quote; negative indexes to the first character.
 */
export function stringValueIndexToOffset(text: string, node: JsonString, index: number): number {
  const start = node.offset + 1;
  const end = node.offset + node.length - 1; // the closing quote
  const idx = index > 0 ? Math.floor(index) : 0;
  // Fast path: every escape is longer than the character it stands for, so a raw string as long as its
  // value has no escapes and value index = raw index.
  if (end - start === node.value.length) return Math.min(start + idx, end);
  const firstBackslash = text.indexOf("\\", start);
  if (firstBackslash === -1 || firstBackslash >= end) return Math.min(start + idx, end);
  if (start + idx <= firstBackslash) return start + idx;
  let k = firstBackslash;
  let v = firstBackslash - start; // value index of the character at k
  while (k < end) {
    if (v === idx) return k;
    if (text.charCodeAt(k) === 92 /* \ */) {
      k += text.charCodeAt(k + 1) === 117 /* u */ ? 6 : 2;
    } else {
      k++;
    }
    v++;
  }
  return end;
}
