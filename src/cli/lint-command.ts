// `armlint [paths]`: discover inputs, lint them with the programmatic API, print the report, pick the exit code.
import { resolve } from "node:path";
import { FORMATTERS, formatReports } from "../report/index.js";
import { errorsOnly, summaryLines, suppressedCounts, toFileReports } from "../report/results.js";
import type { FileReport, RunSummary } from "../report/types.js";
import type { AnalyzeOptions } from "../analyze.js";
import { ConfigError, ConfigResolver } from "../runner/config.js";
import type { LintFilesResult } from "../runner/lint.js";
import { compareStrings } from "../runner/registry.js";
import type { LintOptions as RunLintOptions, LintResult } from "../runner/run.js";
import type { FixSession } from "../fix/run.js";
import { loadTypeSet, type TypeSet } from "../types/set.js";
import { TypeDataError } from "../types/directory.js";
import { configSource, UsageError, type LintOptions } from "./args.js";
import { discoverFiles, type Discovery } from "./discover.js";
import { useColor, type CliIO } from "./io.js";
import { reportContext, type ReportContext } from "./report-context.js";
import { exitCode, writeOutputFile } from "./output.js";
import { lintPlanned } from "../parallel/cli.js";

export async function runLintCommand(options: LintOptions, io: CliIO): Promise<number> {
  const resolver = new ConfigResolver({ source: configSource(options), overrides: options.rules, cwd: io.cwd });
  try {
    if (options.config !== undefined || options.noConfig) await resolver.forDirectory(io.cwd);
    const stdin = options.stdin === true ? await import("./stdin.js") : undefined;
    const found = stdin?.stdinDiscovery(options, io) ?? discoverFiles(options.paths.length > 0 ? options.paths : ["."], { cwd: io.cwd });
    const discovery = options.shard === undefined ? found : (await import("../shard/shard.js")).shardDiscovery(found, options.shard, io.cwd);
    for (const error of discovery.errors) io.writeErr(`armlint: ${error.message}\n`);
    if (options.parameters !== undefined && discovery.files.length !== 1) {
      throw new UsageError(
        `Option '--parameters' applies to one template, but ${discovery.files.length} files were found.`,
        "Lint that template alone, or put '<template>.parameters.json' beside each template (used automatically).",
      );
    }
    const fixing = options.fix === undefined ? undefined : new (await import("../fix/run.js")).FixSession(options.fix, io.cwd, io);
    const linted = stdin === undefined ? await lintDiscovered(discovery, options, io, resolver, fixing) : await stdin.lintStdin(options, io, resolver, inlineOptions(options));
    const results = await baselined(linted.results, options, io);
    if (results === undefined) return 2;
    const reports = toFileReports(results);
    const summary: RunSummary = { ...runSummary(discovery, linted.ignored.length, linted.unusedParameterFiles), suppressed: suppressedCounts(reports) };
    // A dry run's stdout is the patch alone; the report of what would remain goes to stderr (or --output-file).
    if (fixing?.mode === "dry-run") io.writeOut(fixing.diff());
    const reportIO: CliIO = fixing?.mode === "dry-run" ? { ...io, stdoutIsTTY: false, writeOut: stderrOf(io) } : io;
    const context = await reportContext(options.format, resolver, results, io);
    const written = writeReport(options.quiet ? errorsOnly(reports) : reports, summary, options, reportIO, context);
    return exitCode(reports, discovery.errors.length > 0 || !written || fixing?.failed === true, options.maxWarnings, io);
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof TypeDataError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return 2;
  }
}

/**
 * Lints the discovered files, each with its type data (`--types`, else its config's `types`, over the
 * embedded facts) and its parameters file (`--parameters`, else `<template>.parameters.json` beside it
 * unless its config sets `discoverParameterFiles: false`). Files that share both are linted together.
 */
async function lintDiscovered(
  discovery: Discovery,
  options: LintOptions,
  io: CliIO,
  resolver: ConfigResolver,
  fixing?: FixSession,
): Promise<LintFilesResult & { unusedParameterFiles: number }> {
  const typeSets = new Map<string, Promise<TypeSet>>();
  const typesFor = (dir: string | undefined): Promise<TypeSet> => {
    let set = typeSets.get(dir ?? "");
    if (set === undefined) typeSets.set(dir ?? "", (set = loadTypeSet({ directory: dir })));
    return set;
  };
  const cliTypes = options.types === undefined ? undefined : resolve(io.cwd, options.types);
  const cliParameters = options.parameters === undefined ? undefined : resolve(io.cwd, options.parameters);
  const paired = new Set(discovery.paired.map((p) => p.path));
  const groups = new Map<string, { analyze: AnalyzeOptions; files: string[]; types: string | undefined; parameters: string | undefined }>();
  let unusedParameterFiles = 0;
  for (const file of discovery.files) {
    const config = await resolver.forFile(file.path);
    const typesDir = cliTypes ?? config.types;
    const useSibling = cliParameters === undefined && config.discoverParameterFiles !== false;
    const parameters = cliParameters ?? (useSibling ? file.parameters : undefined);
    if (!useSibling && file.parameters !== undefined && paired.has(file.parameters)) unusedParameterFiles++;
    const key = `${typesDir ?? ""}\0${parameters ?? ""}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { analyze: { types: await typesFor(typesDir), parameters }, files: [], types: typesDir, parameters }));
    group.files.push(file.path);
  }
  const results: LintFilesResult["results"] = [];
  // All files at once (`--cache`, `--jobs`), then per group for the fixes.
  const tasks = [...groups.values()].flatMap((g) => g.files.map((file) => ({ file, types: g.types, parameters: g.parameters })));
  const { jobs, cache, cacheLocation } = options;
  const planned = await lintPlanned(tasks, { resolver, source: configSource(options), overrides: options.rules, lint: inlineOptions(options), jobs, cache, cacheLocation }, io);
  const ignored = [...planned.ignored];
  const notNamed = new Map(discovery.files.flatMap((f) => (f.namedVia === undefined ? [] : [[f.path, f.namedVia] as const])));
  for (const group of groups.values()) {
    const inline = inlineOptions(options);
    const linted = { results: group.files.flatMap((file) => planned.byFile.get(file) ?? []) };
    results.push(...(fixing === undefined ? linted.results : await fixing.fix(linted.results, resolver, group.analyze, inline, notNamed)));
  }
  results.sort((a, b) => compareStrings(a.file, b.file));
  ignored.sort(compareStrings);
  return { results, ignored, unusedParameterFiles };
}

function stderrOf(io: CliIO): (text: string) => void {
  return (text) => {
    io.writeErr(text);
  };
}

/** `--no-inline-config` and `--report-unused-disable-directives` as the runner's options. */
function inlineOptions(options: LintOptions): RunLintOptions {
  return { inlineConfig: options.noInlineConfig !== true, reportUnusedSuppressions: options.reportUnusedDisableDirectives === true };
}

/** `--baseline`, `--write-baseline`, `--prune-baseline` (loaded only when used); undefined when the baseline file is unusable (exit 2). */
async function baselined(results: LintResult[], options: LintOptions, io: CliIO): Promise<LintResult[] | undefined> {
  if (options.baseline === undefined && options.writeBaseline === undefined) return results;
  const [{ BaselineError }, { runBaseline }] = await Promise.all([import("../baseline/baseline.js"), import("../baseline/cli.js")]);
  try {
    return runBaseline(results, options, io.cwd, io);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return undefined;
  }
}

function runSummary(discovery: Discovery, ignored: number, unusedParameterFiles = 0): RunSummary {
  const parameters = discovery.skipped.filter((s) => s.reason === "parameters").length;
  return { skippedNotTemplates: discovery.skipped.length - parameters, skippedParameterFiles: parameters + unusedParameterFiles, ignored };
}

/** Prints or writes the report; false when the output file cannot be written. */
function writeReport(reports: readonly FileReport[], summary: RunSummary, options: LintOptions, io: CliIO, context: ReportContext): boolean {
  const toFile = options.outputFile !== undefined;
  const output = formatReports(reports, options.format, { color: useColor(options.color, io, toFile), summary, ...context });
  if (!FORMATTERS[options.format].showsSummary) {
    for (const line of summaryLines(summary)) io.writeErr(`armlint: ${line}\n`);
  }
  if (options.outputFile === undefined) {
    if (output !== "") io.writeOut(`${output}\n`);
    return true;
  }
  return writeOutputFile(resolve(io.cwd, options.outputFile), output, io);
}

