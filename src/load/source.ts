// SourceFile: a decoded file's text plus offset ⇄ 1-based line/column mapping.

import type { Position } from "../diagnostics.js";
import type { TextEncodingName } from "./decode.js";

export class SourceFile {
  readonly path: string;
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** Whether the text contains `//` or `/* *\/` comments (non-standard JSON that ARM accepts). */
  hasComments: boolean;
  #lineStarts: Uint32Array | undefined = undefined;

  constructor(path: string, text: string, encoding: TextEncodingName = "utf-8", hasComments = false) {
    this.path = path;
    this.text = text;
    this.encoding = encoding;
    this.hasComments = hasComments;
  }

  /** Offsets at which each line starts; `\r\n`, `\n` and `\r` end a line. Computed on first use. */
  get lineStarts(): Uint32Array {
    return (this.#lineStarts ??= computeLineStarts(this.text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column (UTF-16 code units) of an offset; offsets are clamped to the text. */
  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    const off = offset <= 0 || Number.isNaN(offset) ? 0 : Math.min(Math.floor(offset), this.text.length);
    // Largest index whose start is <= off.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - starts[lo]! + 1 };
  }

  /** Offset of a 1-based line/column; out-of-range lines and columns are clamped. */
  offsetAt(pos: Position): number {
    const starts = this.lineStarts;
    if (!(pos.line >= 1)) return 0;
    if (pos.line > starts.length) return this.text.length;
    const lineIndex = Math.floor(pos.line) - 1;
    const start = starts[lineIndex]!;
    const end = lineIndex + 1 < starts.length ? starts[lineIndex + 1]! : this.text.length;
    const col = pos.column >= 1 ? Math.floor(pos.column) : 1;
    return Math.min(start + col - 1, end);
  }
}

/** Two passes (count, then fill) so that the only allocation is the result. */
function computeLineStarts(text: string): Uint32Array {
  const n = text.length;
  if (!text.includes("\r")) {
    // Fast path: only \n breaks.
    let count = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
    const starts = new Uint32Array(count);
    let k = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[k++] = i + 1;
    return starts;
  }
  let count = 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      count++;
    }
  }
  const starts = new Uint32Array(count);
  let k = 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts[k++] = i + 1;
    else if (c === 13) {
      if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      starts[k++] = i + 1;
    }
  }
  return starts;
}
