// A lint run over planned files: ignore patterns, the cache, then the rest linted in this thread or on worker threads; results in file order.
import { readFileSync, statSync } from "node:fs";
import { decodeBytes } from "../load/decode.js";
import { ConfigResolver, type ResolvedConfig } from "../runner/config.js";
import { compareStrings } from "../runner/registry.js";
import { INTERNAL_ERROR, type LintResult } from "../runner/run.js";
import type { LintCache } from "../cache/cache.js";
import { lintTask, typeSetLoader, withoutUnshownSource, type FileTask, type RunSetup, type TaskContext, type TaskOutcome } from "./task.js";

export interface LintRunOptions {
  setup: RunSetup;
  /** The main thread's resolver (configs already loaded are reused); one is made from `setup` otherwise. */
  resolver?: ConfigResolver;
  /** Threads to lint on; 1 (default): this thread. */
  jobs?: number;
  /** `--cache`: results reused for unchanged files, and stored for the others. */
  cache?: LintCache | undefined;
  /** Context for cache keys beyond the file, its config, type data and parameters (e.g. the CLI options in effect). */
  cacheContext?: (task: FileTask, config: ResolvedConfig) => string;
}

export interface LintRunResult {
  /** One result per linted file, sorted by path. */
  results: LintResult[];
  /** Files left out by a config's `ignorePatterns` (absolute, sorted). */
  ignored: string[];
}

/** Lints every task's file; the output does not depend on `jobs` or on the cache. */
export async function lintTasks(tasks: readonly FileTask[], options: LintRunOptions): Promise<LintRunResult> {
  const { setup, cache } = options;
  const resolver = options.resolver ?? new ConfigResolver({ source: setup.config.source, overrides: setup.config.overrides, cwd: setup.cwd });
  const context: TaskContext = { setup, resolver, typesFor: typeSetLoader() };
  const results: LintResult[] = [];
  const done: TaskOutcome[] = [];
  const ignored: string[] = [];
  const pending: { task: FileTask; key: string; hash: string | undefined }[] = [];
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.file)) continue;
    seen.add(task.file);
    const config = await resolver.forFile(task.file);
    if (config.isIgnored(task.file)) {
      ignored.push(task.file);
      continue;
    }
    // Type data is loaded (and checked) here, so an unusable folder fails the run before any work starts.
    await context.typesFor(task.types);
    if (cache === undefined) {
      pending.push({ task, key: "", hash: undefined });
      continue;
    }
    const key = cache.contextKey({ cwd: setup.cwd, config, types: task.types, parameters: task.parameters, options: [setup.lint, options.cacheContext?.(task, config) ?? ""] });
    const read = cache.read(task.file);
    const hit = read === undefined ? undefined : cache.lookup(task.file, key, read);
    if (hit !== undefined) done.push(hit);
    else pending.push({ task, key, hash: read?.hash });
  }
  const outcomes = await lintPending(
    pending.map((p) => p.task),
    options.jobs ?? 1,
    context,
  );
  for (const [i, outcome] of outcomes.entries()) {
    const { task, key, hash } = pending[i]!;
    if (cache !== undefined && hash !== undefined && !outcome.result.diagnostics.some((d) => d.ruleId === INTERNAL_ERROR)) {
      cache.store(task.file, key, hash, outcome.result, outcome.deps, outcome.result.source !== undefined || outcome.sourceOmitted === true);
    }
    done.push(outcome);
  }
  // A report shows a file's text when the file has findings, which a file without its own can still get
  // from the templates that link it: read the text again for those (a worker or the cache left it out).
  const linked = new Set(done.flatMap((outcome) => outcome.deps));
  for (const outcome of done) {
    if (outcome.sourceOmitted === true && linked.has(outcome.result.file)) outcome.result.source = readSource(outcome.result.file);
    results.push(outcome.result);
  }
  results.sort((a, b) => compareStrings(a.file, b.file));
  ignored.sort(compareStrings);
  return { results, ignored };
}

async function lintPending(tasks: readonly FileTask[], jobs: number, context: TaskContext): Promise<TaskOutcome[]> {
  if (jobs > 1 && tasks.length > 1) {
    // Loaded only for --jobs, so a plain run starts without the worker machinery.
    const { lintOnWorkers, workersAvailable } = await import("./pool.js");
    if (workersAvailable()) return lintOnWorkers(tasks, jobs, context.setup, sizeOf);
  }
  const outcomes: TaskOutcome[] = [];
  // Like a worker's: a text no report shows is not kept until the end of the run.
  for (const task of tasks) outcomes.push(withoutUnshownSource(await lintTask(task, context)));
  return outcomes;
}

function readSource(file: string): string | undefined {
  try {
    const decoded = decodeBytes(readFileSync(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

function sizeOf(task: FileTask): number {
  try {
    return statSync(task.file).size;
  } catch {
    return 0;
  }
}
