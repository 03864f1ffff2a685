// Choosing and applying fixes: dependsOn additions first, then by position; fixes that overlap or touch wait for the next pass.
import { applyEdits, type Edit } from "jsonc-parser";
import type { Diagnostic, Fix, TextEdit } from "../diagnostics.js";

interface Candidate {
  fix: Fix;
  start: number;
  end: number;
  dependsOn: boolean;
}

/** Does a fix add a `dependsOn` entry (those go first: later fixes often rely on the order they add)? */
export function addsDependsOn(diagnostic: Diagnostic, fix: Fix): boolean {
  return diagnostic.ruleId === "arm/missing-dependency" || /\bdependsOn\b/u.test(fix.description) || fix.edits.some((e) => e.text.includes('"dependsOn"'));
}

/**
 * The fixes of `diagnostics` that can be applied together to a text of `length` characters: candidates
 * in order (dependsOn additions first, each group by position) are taken unless they overlap or touch one
 * already taken (two insertions at one offset would both add a `"dependsOn"` key, say); the rest wait
 * for the next pass, when the re-lint gives them offsets in the new text. Malformed fixes are skipped.
 */
export function selectFixes(diagnostics: readonly Diagnostic[], length: number): Fix[] {
  const candidates: Candidate[] = [];
  for (const d of diagnostics) {
    const fix = d.fix;
    if (fix === undefined || !wellFormed(fix.edits, length)) continue;
    const start = Math.min(...fix.edits.map((e) => e.offset));
    const end = Math.max(...fix.edits.map((e) => e.offset + e.length));
    candidates.push({ fix, start, end, dependsOn: addsDependsOn(d, fix) });
  }
  candidates.sort((a, b) => Number(b.dependsOn) - Number(a.dependsOn) || a.start - b.start || a.end - b.end);
  const taken: Candidate[] = [];
  for (const c of candidates) {
    if (taken.some((t) => c.start <= t.end && t.start <= c.end)) continue;
    taken.push(c);
  }
  return taken.map((c) => c.fix);
}

/** Edits within one file: in range, non-negative, and not overlapping each other. */
function wellFormed(edits: readonly TextEdit[], length: number): boolean {
  if (edits.length === 0) return false;
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let previousEnd = -1;
  for (const e of sorted) {
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0 || e.offset + e.length > length) return false;
    if (e.offset < previousEnd) return false;
    previousEnd = e.offset + e.length;
  }
  return true;
}

/** The line break a text uses (its first one; `\n` when it has none). */
export function lineBreakOf(text: string): string {
  const at = text.search(/[\r\n]/u);
  if (at < 0) return "\n";
  if (text[at] === "\r") return text[at + 1] === "\n" ? "\r\n" : "\r";
  return "\n";
}

/**
 * Applies fixes (from `selectFixes`) with jsonc-parser's `applyEdits`; line breaks in inserted text follow
 * the file's own (`\r\n` files stay `\r\n`). Everything outside the edits, comments included, is kept.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const eol = lineBreakOf(text);
  const edits: Edit[] = fixes.flatMap((fix) => fix.edits.map((e) => ({ offset: e.offset, length: e.length, content: e.text.replace(/\r\n|\r|\n/gu, eol) })));
  return applyEdits(text, edits);
}
