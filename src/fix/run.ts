// The CLI side of `--fix` / `--fix-dry-run`: fix each linted file, write it or collect its diff, and say what was left alone.
import type { AnalyzeOptions } from "../analyze.js";
import type { ConfigResolver } from "../runner/config.js";
import { fingerprintPath } from "../runner/fingerprint.js";
import { compareStrings } from "../runner/registry.js";
import type { LintOptions, LintResult } from "../runner/run.js";
import { unifiedDiff } from "./diff.js";
import { fixableFindings, fixFile, hasFixWork, writeFixed } from "./fix.js";

export type FixMode = "write" | "dry-run";

/** One run's fixing: files are fixed group by group (each group shares analyze options); diffs collect here. */
export class FixSession {
  readonly #diffs: { file: string; diff: string }[] = [];
  /** A fixed file could not be written (the CLI exits 2). */
  failed = false;
  /** Fixes applied over all files. */
  applied = 0;

  constructor(
    readonly mode: FixMode,
    readonly cwd: string,
    readonly io: { writeErr(text: string): void },
  ) {}

  /**
   * Fixes the files of `results` that have something to fix; returns the results as they are after fixing.
   * `notNamed` maps a template linted only because its parameters file was named to that parameters file:
   * such a template is left as it is (with a note), since the user asked to fix the files they named.
   */
  async fix(
    results: readonly LintResult[],
    resolver: ConfigResolver,
    analyze: AnalyzeOptions,
    lint: LintOptions,
    notNamed: ReadonlyMap<string, string> = new Map(),
  ): Promise<LintResult[]> {
    const out: LintResult[] = [];
    for (const result of results) {
      const config = await resolver.forFile(result.file);
      if (!hasFixWork(result, config)) {
        out.push(result);
        continue;
      }
      const via = notNamed.get(result.file);
      if (via !== undefined) {
        const shown = fingerprintPath(result.file, this.cwd);
        this.io.writeErr(
          `armlint: ${shown}: linted with ${fingerprintPath(via, this.cwd)}, the parameters file you named, so --fix left it unchanged: ` +
            `name ${shown} to fix it (${fixableFindings(result, config)}).\n`,
        );
        out.push(result);
        continue;
      }
      const outcome = fixFile(result, { config, analyze, lint: { ...lint, cwd: this.cwd } });
      const shown = fingerprintPath(result.file, this.cwd);
      if (outcome.skipped !== undefined) this.io.writeErr(`armlint: ${shown}: ${outcome.skipped.note}.\n`);
      out.push(outcome.result);
      if (outcome.output === undefined || outcome.original === undefined) continue;
      this.applied += outcome.applied;
      if (this.mode === "dry-run") {
        this.#diffs.push({ file: result.file, diff: unifiedDiff(outcome.original, outcome.output, `a/${shown}`, `b/${shown}`) });
        continue;
      }
      try {
        writeFixed(result.file, outcome.output, outcome.encoding);
      } catch (error) {
        this.failed = true;
        this.io.writeErr(`armlint: Cannot write the fixed file ${result.file}: ${error instanceof Error ? error.message : String(error)}\n`);
        out[out.length - 1] = result;
      }
    }
    return out;
  }

  /** The dry run's unified diff of every changed file, sorted by path ("" when nothing would change). */
  diff(): string {
    return [...this.#diffs]
      .sort((a, b) => compareStrings(a.file, b.file))
      .map((d) => d.diff)
      .join("");
  }
}
