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

/**
 * Line starts are collected in one scan into a scratch buffer shared by every file (grown by doubling), then
 * copied out at their exact count: one scan instead of a counting pass and a filling pass.
 */
let scratch = new Uint32Array(4096);
/** A scratch buffer grown past this many entries is dropped after use rather than kept for the next file. */
const SCRATCH_KEEP = 1 << 20;

/**
 * Line breaks are found with indexOf, which scans far faster than a loop over every character: with no `\r`
 * in the text only `\n` is searched for; otherwise the next `\r` and the next `\n` are both kept, and
 * whichever comes first ends the line (`\r\n` as one break).
 */
function computeLineStarts(text: string): Uint32Array {
  let out = scratch;
  let count = 1;
  out[0] = 0;
  let nl = text.indexOf("\n");
  let cr = text.indexOf("\r");
  while (nl !== -1 || cr !== -1) {
    let next: number; // start of the line after this break
    if (cr !== -1 && (nl === -1 || cr < nl)) next = nl === cr + 1 ? nl + 1 : cr + 1;
    else next = nl + 1;
    if (count === out.length) {
      const grown = new Uint32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = next;
    if (nl !== -1 && nl < next) nl = text.indexOf("\n", next);
    if (cr !== -1 && cr < next) cr = text.indexOf("\r", next);
  }
  scratch = out.length > SCRATCH_KEEP ? new Uint32Array(4096) : out;
  return out.slice(0, count);
}
