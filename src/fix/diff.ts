// Unified diff of two texts by lines (Myers' algorithm, 3 lines of context), in the format `git apply` and `patch -p1` read.

/** A line with its terminator (`\n`, `\r\n`, `\r`, or none for a last line without one). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

type Op = "=" | "-" | "+";

/**
 * The shortest edit script from `a` to `b` as one op per line (Myers, "An O(ND) Difference Algorithm").
 * Common head and tail are matched first; the search keeps only the diagonals each step can reach, so
 * memory grows with the square of the number of differences, not with the file size.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const middle = myers(n, m, (x, y) => a[head + x] === b[head + y]);
  return [...new Array<Op>(head).fill("="), ...middle, ...new Array<Op>(tail).fill("=")];
}

function myers(n: number, m: number, equal: (x: number, y: number) => boolean): Op[] {
  const max = n + m;
  // v[k + offset]: furthest x on diagonal k; trace[d] holds v for diagonals -d..d after step d.
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && equal(x, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  // Walk back from (n, m) through the saved diagonals.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number): number => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("=");
      x--;
      y--;
    }
    ops.push(down ? "+" : "-");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("=");
    x--;
    y--;
  }
  return ops.reverse();
}

const NO_NEWLINE = "\\ No newline at end of file\n";

/** One `-`/`+`/` ` line of a hunk; a last line without a terminator gets git's "No newline" marker. */
function hunkLine(prefix: string, line: string): string {
  return /[\r\n]$/u.test(line) ? `${prefix}${line}` : `${prefix}${line}\n${NO_NEWLINE}`;
}

function range(start: number, count: number): string {
  // An empty range names the line before it (0 at the top), as diff -u does; a one-line range drops ",1".
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * A unified diff from `before` to `after` with `---`/`+++` headers naming `oldName`/`newName`; "" when the
 * texts are equal.
 */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  // Positions (in ops) of the changes, grouped into hunks that share context.
  const changes: number[] = [];
  ops.forEach((op, i) => {
    if (op !== "=") changes.push(i);
  });
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  let i = 0;
  while (i < changes.length) {
    let j = i;
    while (j + 1 < changes.length && changes[j + 1]! - changes[j]! <= 2 * context + 1) j++;
    const from = Math.max(0, changes[i]! - context);
    const to = Math.min(ops.length, changes[j]! + context + 1);
    out += hunk(ops, a, b, from, to);
    i = j + 1;
  }
  return out;
}

function hunk(ops: readonly Op[], a: readonly string[], b: readonly string[], from: number, to: number): string {
  // Line indexes in a and b where ops[from] starts.
  let ai = 0;
  let bi = 0;
  for (let k = 0; k < from; k++) {
    if (ops[k] !== "+") ai++;
    if (ops[k] !== "-") bi++;
  }
  const aStart = ai;
  const bStart = bi;
  let body = "";
  for (let k = from; k < to; k++) {
    const op = ops[k]!;
    if (op === "=") {
      body += hunkLine(" ", a[ai]!);
      ai++;
      bi++;
    } else if (op === "-") {
      body += hunkLine("-", a[ai]!);
      ai++;
    } else {
      body += hunkLine("+", b[bi]!);
      bi++;
    }
  }
  return `@@ -${range(aStart, ai - aStart)} +${range(bStart, bi - bStart)} @@\n${body}`;
}
