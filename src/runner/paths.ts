// Path resolution for the runner and suppressions: path.resolve, without rebuilding paths that are already absolute and normal.
import { resolve, sep } from "node:path";

/**
 * `resolve(cwd, file)`. On POSIX, a path that is already absolute and normal (no empty, `.` or `..` segment and
 * no trailing `/`) resolves to itself, so it is returned as is: every source and most findings name such a path,
 * and resolve() rebuilds it segment by segment each time (the runner's largest per-file allocation).
 */
export function resolvePath(cwd: string, file: string): string {
  return sep === "/" && isNormalAbsolute(file) ? file : resolve(cwd, file);
}

/** Is `path` absolute and left unchanged by POSIX normalization? */
function isNormalAbsolute(path: string): boolean {
  const n = path.length;
  if (n < 2 || path.charCodeAt(0) !== SLASH || path.charCodeAt(n - 1) === SLASH) return false;
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
    // The segment after this slash: not empty (no "//"), not "." and not "..".
    const first = path.charCodeAt(i + 1);
    if (first === SLASH) return false;
    if (first !== DOT) continue;
    const second = path.charCodeAt(i + 2); // NaN past the end
    if (second === SLASH || Number.isNaN(second)) return false;
    if (second !== DOT) continue;
    const third = path.charCodeAt(i + 3);
    if (third === SLASH || Number.isNaN(third)) return false;
  }
  return true;
}

const SLASH = 0x2f;
const DOT = 0x2e;
