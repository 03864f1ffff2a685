// Copies of template strings that module-level caches may keep without keeping the template's text alive.

/**
 * `text` in storage of its own. A string read from a template is often a slice sharing the storage of the
 * whole file's text (V8 slices strings of 13 characters or more), so a module-level cache keyed by it, or
 * holding parts split from it, keeps that file's text alive until the cache forgets the entry: every file's
 * text, across a run, which V8 then promotes out of its young generation. Short strings are already copies.
 */
export function detach(text: string): string {
  if (text.length < 13) return text;
  // Concatenating makes a new flat string when sliced; the slice shares that copy, not the template's text.
  return ` ${text}`.slice(1);
}
