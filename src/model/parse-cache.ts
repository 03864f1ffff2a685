// Expression parses shared by every template of a run: a parse depends on the expression's text alone.

import { parseExpression, type ParseResult } from "../expressions/parser.js";
import { detach } from "../text/detach.js";

/*
 * Templates of one repository repeat each other's expressions ("[parameters('location')]",
 * "[resourceGroup().location]", a module's whole body compiled into several templates): on the 2,320 corpus
 * templates, 95,000 distinct per-file expression strings (8.6 MB) are 30,000 distinct strings (3 MB) across
 * the run. A parse result is never changed after parsing (the evaluator and rules only read it), and its
 * offsets index into the expression string, so one result serves every template that has the same text.
 *
 * The cache is bounded: a text longer than MAX_SHARED_LENGTH is not kept (one huge expression would evict
 * thousands of small ones), and the whole cache is emptied when its texts reach MAX_CACHED_CHARS (their parses
 * take about 7 bytes per character: the cache keeps at most ≈30 MB, and the corpus's 3 MB fit). Keys are
 * copies (`detach`), and each result is parsed from its key, so no entry keeps a template's text alive.
 */
const MAX_SHARED_LENGTH = 16 * 1024;
const MAX_CACHED_CHARS = 4 * 1024 * 1024;

const parses = new Map<string, ParseResult>();
let cachedChars = 0;

/** The parse of `text`: the run's shared result when it has one; otherwise a new one, shared when not too long. */
export function sharedParse(text: string): ParseResult {
  const known = parses.get(text);
  if (known !== undefined) return known;
  if (!isShareable(text)) return parseExpression(text);
  const own = detach(text);
  const parsed = parseExpression(own);
  if (cachedChars + own.length > MAX_CACHED_CHARS) forgetSharedParses();
  parses.set(own, parsed);
  cachedChars += own.length;
  return parsed;
}

/** Is `text` short enough to be kept in the shared parses? A longer one is parsed for each use. */
export function isShareable(text: string): boolean {
  return text.length <= MAX_SHARED_LENGTH;
}

/** The run's shared parse of `text`, if it has one (never parses). */
export function knownParse(text: string): ParseResult | undefined {
  return parses.get(text);
}

/** Empties the shared parses (when full, and for tests). */
export function forgetSharedParses(): void {
  parses.clear();
  cachedChars = 0;
}

/** How many parses are shared now (for tests). */
export function sharedParseCount(): number {
  return parses.size;
}
