// `--jobs N|auto` parsing (import-free, so argument parsing stays cheap).

/** A thread count, or `auto` (one per CPU Node may use). */
export type JobsSpec = number | "auto";

/** Parses `N` (1 or more) or `auto`; returns a message saying what is wrong otherwise. */
export function parseJobsSpec(text: string): JobsSpec | { error: string } {
  const value = text.trim().toLowerCase();
  if (value === "auto") return "auto";
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) return { error: `Option '--jobs' needs a number of threads, 1 or more, or 'auto' (got '${text}').` };
  return Number(value);
}
