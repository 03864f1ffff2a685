// One unit of lint work, the same in the main thread and in a worker: analyze and lint one file, name what it read.
import { dirname, resolve } from "node:path";
import { analyzeFile, type Analysis, type AnalyzeOptions } from "../analyze.js";
import { getProperty } from "../load/loader.js";
import type { ConfigResolver, ConfigSource, RuleOverride } from "../runner/config.js";
import { internalErrorResult, lintAnalysis, type LintOptions, type LintResult } from "../runner/run.js";
import { loadTypeSet, type TypeSet } from "../types/set.js";

/** A file to lint and how: plain data, so it can be posted to a worker. */
export interface FileTask {
  /** Absolute path. */
  file: string;
  /** The parameters file to lint it with (absolute), if any. */
  parameters?: string | undefined;
  /** The type data folder (absolute), if any; the embedded facts otherwise. */
  types?: string | undefined;
}

/** What a run's files are linted with: plain data, so a worker can set up the same. */
export interface RunSetup {
  cwd: string;
  /** How configs are found, and the `--rule` overrides on top. */
  config: { source: ConfigSource; overrides: readonly RuleOverride[] };
  /** The run's lint options (inline suppressions and the like), without `cwd`. */
  lint: Omit<LintOptions, "cwd">;
}

export interface TaskContext {
  setup: RunSetup;
  resolver: ConfigResolver;
  typesFor(dir: string | undefined): Promise<TypeSet>;
}

export interface TaskOutcome {
  result: LintResult;
  /** Files besides the linted one the result depends on (linked templates, present or not; the parameters file). */
  deps: string[];
  /** The result has no findings and its `source` was left out (see TaskReply); the run restores it when a report can show it. */
  sourceOmitted?: boolean;
}

/**
 * The outcome with its `source` left out when the result has no findings (reports show the text of files with
 * findings; the run reads it again for a file that linking templates can show). Keeping every file's text until
 * the end of a run made V8 promote each one out of its young generation: most files have no findings.
 */
export function withoutUnshownSource(outcome: TaskOutcome): TaskOutcome {
  const { result } = outcome;
  const omit = result.source !== undefined && result.diagnostics.length === 0 && (result.suppressed?.length ?? 0) === 0;
  return omit ? { result: { ...result, source: undefined }, deps: outcome.deps, sourceOmitted: true } : { ...outcome, sourceOmitted: outcome.sourceOmitted ?? false };
}

/** A memoizing type data loader (one TypeSet per folder). */
export function typeSetLoader(): (dir: string | undefined) => Promise<TypeSet> {
  const sets = new Map<string, Promise<TypeSet>>();
  return (dir) => {
    let set = sets.get(dir ?? "");
    if (set === undefined) sets.set(dir ?? "", (set = loadTypeSet({ directory: dir })));
    return set;
  };
}

/** Analyzes and lints one file with the config that applies to it. Never rejects: failures become diagnostics. */
export async function lintTask(task: FileTask, context: TaskContext): Promise<TaskOutcome> {
  const cwd = context.setup.cwd;
  try {
    const config = await context.resolver.forFile(task.file);
    const analyze: AnalyzeOptions = { types: await context.typesFor(task.types), parameters: task.parameters };
    const analysis = analyzeFile(task.file, analyze);
    const result = lintAnalysis(analysis, config, { ...context.setup.lint, cwd });
    return { result, deps: dependencies(analysis, task) };
  } catch (error) {
    return { result: internalErrorResult(task.file, error, cwd), deps: task.parameters === undefined ? [] : [task.parameters] };
  }
}

/** The linked templates an analysis read or tried to read, and its parameters file. */
function dependencies(analysis: Analysis, task: FileTask): string[] {
  const deps = new Set<string>();
  for (const file of analysis.sources.keys()) deps.add(resolve(file));
  if (task.parameters !== undefined) deps.add(task.parameters);
  for (const resource of analysis.model?.resources ?? []) {
    if (!resource.isDeployment || resource.properties === undefined) continue;
    const link = getProperty(resource.properties, "templateLink")?.value;
    const relativePath = link?.type === "object" ? getProperty(link, "relativePath")?.value : undefined;
    if (relativePath?.type === "string" && !relativePath.value.startsWith("[")) deps.add(resolve(dirname(resource.scope.file), relativePath.value));
  }
  deps.delete(resolve(task.file));
  return [...deps].sort();
}
