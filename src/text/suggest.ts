// "Did you mean": edit distance and near-miss lookup for short names (import-free, so the CLI's arg parser stays cheap).

/** Levenshtein distance: the fewest one-character insertions, deletions and substitutions turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate nearest to `word` when it is at most `maxDistance` edits away (the first one on ties), else undefined.
 * Case-sensitive unless `ignoreCase`.
 */
export function closestWord(word: string, candidates: Iterable<string>, maxDistance: number, ignoreCase = false): string | undefined {
  const w = ignoreCase ? word.toLowerCase() : word;
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const c of candidates) {
    const text = ignoreCase ? c.toLowerCase() : c;
    // The distance is at least the difference in length: skip what cannot beat the best so far.
    if (Math.abs(text.length - w.length) >= bestDistance) continue;
    const d = editDistance(w, text);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Candidates within a small edit distance of `word` (case-insensitive; a candidate equal to it is not a suggestion),
 * closest first, then by name. The default distance grows with the word: 1 up to 4 characters, 2 up to 8, else 3.
 */
export function similarWords(word: string, candidates: Iterable<string>, maxDistance?: number): string[] {
  const w = word.toLowerCase();
  const limit = maxDistance ?? (w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3);
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) continue;
    const d = Math.abs(lc.length - w.length) > limit ? limit + 1 : editDistance(w, lc);
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1)).map((x) => x.c);
}
