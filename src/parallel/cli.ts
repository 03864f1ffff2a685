// The lint command's fast path: `--cache`, `--cache-location` and `--jobs` over the files it planned, with the cache saved after the run.
import { availableParallelism, loadavg } from "node:os";
import type { ConfigResolver, ConfigSource, RuleOverride } from "../runner/config.js";
import type { LintOptions, LintResult } from "../runner/run.js";
import type { CliIO } from "../cli/io.js";
import type { LintCache } from "../cache/cache.js";
import { lintTasks } from "./run.js";
import type { FileTask } from "./task.js";
import type { JobsSpec } from "./spec.js";

export interface FastLintOptions {
  resolver: ConfigResolver;
  source: ConfigSource;
  overrides: readonly RuleOverride[];
  /** The runner's options (inline suppressions); `cwd` comes from `io`. */
  lint: Omit<LintOptions, "cwd">;
  jobs: JobsSpec | undefined;
  cache: boolean | undefined;
  cacheLocation: string | undefined;
}

export interface FastLintResult {
  /** By absolute path. */
  byFile: Map<string, LintResult>;
  /** Files left out by `ignorePatterns` (sorted). */
  ignored: string[];
}

/** Lints every task (each a file with its parameters file and type data) with the cache and worker threads asked for. */
export async function lintPlanned(tasks: readonly FileTask[], options: FastLintOptions, io: CliIO): Promise<FastLintResult> {
  const cache = options.cache === true || options.cacheLocation !== undefined ? await openCache(options.cacheLocation, io) : undefined;
  const run = await lintTasks(tasks, {
    setup: { cwd: io.cwd, config: { source: options.source, overrides: options.overrides }, lint: options.lint },
    resolver: options.resolver,
    jobs: resolveJobs(options.jobs),
    cache,
  });
  if (cache !== undefined) {
    const failure = cache.save();
    if (failure !== undefined) io.writeErr(`armlint: warning: ${failure}\n`);
    if (io.env.ARMLINT_DEBUG === "1") io.writeErr(`armlint: cache ${cache.file}: ${cache.hits} reused, ${cache.misses} linted\n`);
  }
  return { byFile: new Map(run.results.map((result) => [result.file, result])), ignored: run.ignored };
}

async function openCache(location: string | undefined, io: CliIO): Promise<LintCache> {
  const { LintCache, cacheFilePath } = await import("../cache/cache.js");
  const cache = new LintCache(cacheFilePath(location, io.cwd));
  if (cache.discarded !== undefined) io.writeErr(`armlint: warning: the cache ${cache.file} was not used (${cache.discarded}); it will be rewritten.\n`);
  return cache;
}

/**
 * `--jobs N|auto` → a thread count; not given: 1. `auto`: the idle CPUs (those Node may use minus the
 * 1-minute load average, like `make -l`) less one, at least 1. One lint thread keeps about 1.5 CPUs busy
 * (V8 collects garbage on other threads), so on 2 CPUs one thread is fastest (measured), and threads
 * beyond the idle CPUs only add start-up and contention.
 */
export function resolveJobs(jobs: JobsSpec | undefined, cpus = availableParallelism(), load = loadavg()[0] ?? 0): number {
  if (jobs === undefined) return 1;
  if (jobs !== "auto") return Math.max(1, Math.floor(jobs));
  return Math.min(cpus, Math.max(1, Math.round(cpus - Math.max(0, load)) - 1));
}
