// Programmatic lint conveniences: lint a text or a list of files with their resolved configs.
import { resolve } from "node:path";
import { analyzeFile, analyzeText, type AnalyzeOptions } from "../analyze.js";
import { ConfigResolver, defaultConfig, type ConfigOptions, type ResolvedConfig } from "./config.js";
import { compareStrings } from "./registry.js";
import { internalErrorResult, lintAnalysis, type LintOptions, type LintResult } from "./run.js";

/** Analyzes and lints one text as if it were `file` (default config unless one is given). */
export function lintText(
  text: string,
  file: string,
  config: ResolvedConfig = defaultConfig(),
  options: LintOptions & { analyze?: AnalyzeOptions } = {},
): LintResult {
  const cwd = options.cwd ?? process.cwd();
  try {
    return lintAnalysis(analyzeText(text, file, options.analyze), config, { ...suppressionOptions(options), cwd });
  } catch (error) {
    return internalErrorResult(file, error, cwd);
  }
}

export interface LintFilesOptions extends ConfigOptions, LintOptions {
  analyze?: AnalyzeOptions;
  /** Reuse a resolver (and its loaded configs) across calls. */
  resolver?: ConfigResolver;
}

export interface LintFilesResult {
  /** One result per linted file, sorted by path. */
  results: LintResult[];
  /** Files left out by a config's `ignorePatterns` (absolute, sorted). */
  ignored: string[];
}

/**
 * Lints files (no discovery: each path is linted as given), each with the config that applies to it.
 * Rejects with ConfigError when a config is invalid; per-file problems become diagnostics.
 */
export async function lintFiles(files: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = options.cwd ?? process.cwd();
  const resolver = options.resolver ?? new ConfigResolver({ ...options, cwd });
  const results: LintResult[] = [];
  const ignored: string[] = [];
  for (const file of new Set(files.map((f) => resolve(cwd, f)))) {
    const config = await resolver.forFile(file);
    if (config.isIgnored(file)) ignored.push(file);
    else results.push(lintOneFile(file, config, { ...suppressionOptions(options), cwd }, options.analyze));
  }
  results.sort((a, b) => compareStrings(a.file, b.file));
  ignored.sort(compareStrings);
  return { results, ignored };
}

function lintOneFile(file: string, config: ResolvedConfig, options: LintOptions & { cwd: string }, analyze: AnalyzeOptions | undefined): LintResult {
  try {
    return lintAnalysis(analyzeFile(file, analyze), config, options);
  } catch (error) {
    return internalErrorResult(file, error, options.cwd);
  }
}

/** The inline-suppression settings of `options` (`--no-inline-config`, `--report-unused-disable-directives`). */
function suppressionOptions(options: LintOptions): LintOptions {
  const picked: LintOptions = {};
  if (options.inlineConfig !== undefined) picked.inlineConfig = options.inlineConfig;
  if (options.reportUnusedSuppressions !== undefined) picked.reportUnusedSuppressions = options.reportUnusedSuppressions;
  return picked;
}
