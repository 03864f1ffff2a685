// Comment collector: the `//` and `/* */` comments of a JSONC text with their offsets (strings skipped), for inline suppressions.
import type { SourceFile } from "./source.js";

export interface Comment {
  kind: "line" | "block";
  /** Offset of the opening `//` or `/*`. */
  offset: number;
  /** Length of the whole comment, delimiters included (a line comment ends before its line break). */
  length: number;
  /** The text between the delimiters. */
  value: string;
}

/** The comments of a loaded file; nothing is scanned when the parser saw none (`hasComments`). */
export function fileComments(source: SourceFile): Comment[] {
  return source.hasComments ? collectComments(source.text) : [];
}

const QUOTE_OR_SLASH = /["/]/g;

/**
 * Every comment of `text`, in order. Strings (with their escapes) are skipped, so `"http://x"` is not a
 * comment; an unterminated string or block comment runs to the end of the text. Never throws.
 */
export function collectComments(text: string): Comment[] {
  const comments: Comment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    QUOTE_OR_SLASH.lastIndex = i;
    const found = QUOTE_OR_SLASH.exec(text);
    if (found === null) break;
    const at = found.index;
    if (text.charCodeAt(at) === 34) {
      i = stringEnd(text, at);
      continue;
    }
    const next = text.charCodeAt(at + 1);
    if (next === 47) {
      let end = at + 2;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
      comments.push({ kind: "line", offset: at, length: end - at, value: text.slice(at + 2, end) });
      i = end;
    } else if (next === 42) {
      const close = text.indexOf("*/", at + 2);
      const end = close < 0 ? n : close + 2;
      comments.push({ kind: "block", offset: at, length: end - at, value: text.slice(at + 2, close < 0 ? n : close) });
      i = end;
    } else {
      i = at + 1;
    }
  }
  return comments;
}

/** Offset just past the string that opens at `start` (a quote preceded by an odd run of backslashes is escaped). */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let k = quote - 1; k > start && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}
