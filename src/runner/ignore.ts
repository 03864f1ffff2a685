// `ignorePatterns` of a config file: gitignore-like globs relative to the config file's folder.
import { isAbsolute, relative } from "node:path";
import { globToRegExp, toPosix } from "./glob.js";

interface CompiledPattern {
  negated: boolean;
  re: RegExp;
}

/**
 * Builds a predicate over absolute file paths. A pattern without `/` matches at any depth; a pattern
 * that matches a folder ignores everything inside it; `!pattern` un-ignores; the last match wins.
 * Files outside `baseDir` are never ignored.
 */
export function ignoreMatcher(patterns: readonly string[], baseDir: string): (file: string) => boolean {
  const compiled = patterns.map(compilePattern).filter((p): p is CompiledPattern => p !== undefined);
  if (compiled.length === 0) return () => false;
  return (file) => {
    const rel = toPosix(relative(baseDir, file));
    if (rel === "" || rel.startsWith("../") || isAbsolute(rel)) return false;
    let ignored = false;
    for (const pattern of compiled) if (pattern.re.test(rel)) ignored = !pattern.negated;
    return ignored;
  };
}

function compilePattern(raw: string): CompiledPattern | undefined {
  const negated = raw.startsWith("!");
  let pattern = (negated ? raw.slice(1) : raw).trim();
  if (pattern.startsWith("./")) pattern = pattern.slice(2);
  pattern = pattern.replace(/\/+$/, "");
  if (pattern === "") return undefined;
  const anchored = pattern.includes("/");
  if (pattern.startsWith("/")) pattern = pattern.slice(1);
  const body = anchored ? pattern : `**/${pattern}`;
  return { negated, re: globToRegExp(`${body}{,/**}`) };
}
