// Minimal glob matcher (`*`, `**`, `?`, `[...]`, `{a,b}`) compiled to a RegExp over `/`-separated paths.

const MAGIC = /[*?[{]/;

/** Whether a path segment or pattern uses any glob syntax. */
export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** Converts a path to `/` separators (glob patterns and matched paths are always `/`-separated). */
export function toPosix(path: string): string {
  return path.replace(/\\/g, "/");
}

/**
 * Compiles a glob to an anchored RegExp. Patterns use `/` as the separator and `\\` as the escape;
 * `**` as a whole segment matches zero or more segments; `*` and `?` never match `/`.
 * Dot files are matched like any other name.
 */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${compileGlob(pattern)}$`, "u");
}

/** A predicate testing paths (`\\` separators are read as `/`) against one glob. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const re = globToRegExp(pattern);
  return (path) => re.test(toPosix(path));
}

function compileGlob(glob: string): string {
  let out = "";
  let i = 0;
  while (i < glob.length) {
    const step = compileAt(glob, i);
    out += step.source;
    i = step.next;
  }
  return out;
}

interface Step {
  source: string;
  next: number;
}

function compileAt(glob: string, i: number): Step {
  const c = glob[i]!;
  if (c === "*") return compileStar(glob, i);
  if (c === "?") return { source: "[^/]", next: i + 1 };
  if (c === "[") return compileClass(glob, i);
  if (c === "{") return compileBraces(glob, i);
  if (c === "\\" && i + 1 < glob.length) return { source: escapeRegExp(glob[i + 1]!), next: i + 2 };
  return { source: escapeRegExp(c), next: i + 1 };
}

function compileStar(glob: string, i: number): Step {
  if (glob[i + 1] !== "*") return { source: "[^/]*", next: i + 1 };
  const atSegmentStart = i === 0 || glob[i - 1] === "/";
  const end = i + 2;
  if (atSegmentStart && glob[end] === "/") return { source: "(?:[^/]*/)*", next: end + 1 };
  if (atSegmentStart && end === glob.length) return { source: ".*", next: end };
  // `**` inside a segment behaves like `*`.
  return { source: "[^/]*", next: end };
}

function compileClass(glob: string, i: number): Step {
  const close = glob.indexOf("]", i + 2);
  if (close === -1) return { source: "\\[", next: i + 1 };
  let body = glob.slice(i + 1, close);
  const negated = body.startsWith("!") || body.startsWith("^");
  if (negated) body = body.slice(1);
  const escaped = body.replace(/[\\\]^]/g, "\\$&");
  return { source: negated ? `[^/${escaped}]` : `[${escaped}]`, next: close + 1 };
}

function compileBraces(glob: string, i: number): Step {
  const close = matchingBrace(glob, i);
  if (close === -1) return { source: "\\{", next: i + 1 };
  const alternatives = splitTopLevel(glob.slice(i + 1, close));
  if (alternatives.length < 2) return { source: `\\{${compileGlob(glob.slice(i + 1, close))}\\}`, next: close + 1 };
  return { source: `(?:${alternatives.map(compileGlob).join("|")})`, next: close + 1 };
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
