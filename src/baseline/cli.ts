// The CLI side of `--baseline`, `--write-baseline` and `--prune-baseline`: read or write the file, then mark what it lists.
import { resolve } from "node:path";
import type { LintResult } from "../runner/run.js";
import { applyBaseline, baselineEntries, prunedEntries, readBaseline, writeBaseline } from "./baseline.js";

export interface BaselineOptions {
  baseline?: string | undefined;
  writeBaseline?: string | undefined;
  pruneBaseline?: boolean | undefined;
}

/** Whether any baseline option is set (so the CLI loads this module only then). */
export function usesBaseline(options: BaselineOptions): boolean {
  return options.baseline !== undefined || options.writeBaseline !== undefined || options.pruneBaseline === true;
}

/**
 * Applies the baseline options to a run's results (after any fixing): writes or prunes the file when
 * asked, then marks the findings it lists as suppressed (external). Throws BaselineError (exit 2).
 */
export function runBaseline(results: readonly LintResult[], options: BaselineOptions, cwd: string, io: { writeErr(text: string): void }): LintResult[] {
  if (options.writeBaseline !== undefined) {
    const written = writeBaseline(resolve(cwd, options.writeBaseline), baselineEntries(results, cwd));
    const count = new Set(written.entries.map((e) => e.fingerprint)).size;
    io.writeErr(`armlint: wrote ${count} ${count === 1 ? "finding" : "findings"} to the baseline ${options.writeBaseline}.\n`);
    return applyBaseline(results, written);
  }
  if (options.baseline === undefined) return [...results];
  let baseline = readBaseline(resolve(cwd, options.baseline), options.baseline);
  if (options.pruneBaseline === true) {
    const { kept, removed } = prunedEntries(baseline, results, cwd);
    baseline = writeBaseline(baseline.file, kept);
    const what = removed === 1 ? "entry that no longer occurs" : "entries that no longer occur";
    io.writeErr(`armlint: pruned ${removed} ${what} from the baseline ${options.baseline} (${kept.length} kept).\n`);
  }
  return applyBaseline(results, baseline);
}
