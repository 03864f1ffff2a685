// `armlint diff BEFORE AFTER` and `armlint --base GIT_REF [paths]`: compare template versions with the change rules, print in any format.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { analyzeFile, analyzeText, type Analysis } from "../analyze.js";
import type { Diagnostic } from "../diagnostics.js";
import { compareVersions } from "../diff/compare.js";
import type { DeploymentMode, TemplateVersion } from "../diff/types.js";
import { FORMATTERS, formatReports } from "../report/index.js";
import { errorsOnly, toFileReports } from "../report/results.js";
import type { FileReport } from "../report/types.js";
import { ConfigError, ConfigResolver } from "../runner/config.js";
import { PARSE_ERROR, type LintResult } from "../runner/run.js";
import { configSource, type DiffOptions } from "./args.js";
import { baseFiles, GitError } from "./base.js";
import { useColor, type CliIO } from "./io.js";
import { reportContext, type ReportContext } from "./report-context.js";
import { exitCode, writeOutputFile } from "./output.js";

/** One file to compare: its two versions (an undefined analysis deploys nothing) and its working-tree path. */
interface Pair {
  before: TemplateVersion;
  after: TemplateVersion;
  /** Working-tree path: config lookup, ignorePatterns and fingerprints. */
  path: string;
}

interface Collected {
  pairs: Pair[];
  /** Results for inputs that could not be analyzed (parse errors): shown, and exit 2. */
  broken: LintResult[];
  /** Input problems (stderr, exit 2). */
  errors: string[];
  /** Notes for stderr that do not fail the run. */
  notes: string[];
}

export async function runDiffCommand(options: DiffOptions, io: CliIO): Promise<number> {
  const resolver = new ConfigResolver({ source: configSource(options), overrides: options.rules, cwd: io.cwd });
  try {
    if (options.config !== undefined || options.noConfig) await resolver.forDirectory(io.cwd);
    const collected = options.base === undefined ? filePair(options.paths, io.cwd) : basePairs(options.base, options.paths, io.cwd);
    for (const note of collected.notes) io.writeErr(`armlint: ${note}\n`);
    for (const error of collected.errors) io.writeErr(`armlint: ${error}\n`);
    const results: LintResult[] = [...collected.broken];
    for (const pair of collected.pairs) {
      const config = await resolver.forFile(pair.path);
      if (config.isIgnored(pair.path)) continue;
      const change = compareVersions(pair.before, pair.after, config, {
        mode: options.deploymentMode,
        cwd: io.cwd,
        fingerprintFile: pair.path,
        inlineConfig: !options.noInlineConfig,
      });
      const afterExists = pair.after.analysis !== undefined;
      if (afterExists) results.push(change.after);
      if (change.before.diagnostics.length > 0 || !afterExists) results.push(change.before);
    }
    const reports = toFileReports(results);
    const shown = options.quiet ? errorsOnly(reports) : reports;
    const context = await reportContext(options.format, resolver, results, io);
    const written = writeReport(shown, modeNote(options, collected.pairs.length), options, io, context);
    return exitCode(reports, collected.errors.length > 0 || collected.broken.length > 0 || !written, options.maxWarnings, io);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof GitError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return 2;
  }
}

/** `armlint diff BEFORE AFTER`: two template files on disk. */
function filePair(paths: readonly string[], cwd: string): Collected {
  const collected: Collected = { pairs: [], broken: [], errors: [], notes: [] };
  const [beforeInput, afterInput] = paths;
  if (beforeInput === undefined || afterInput === undefined) {
    collected.errors.push("'armlint diff' needs two template files: BEFORE and AFTER.");
    return collected;
  }
  const versions: TemplateVersion[] = [];
  for (const [side, input] of [["before", beforeInput], ["after", afterInput]] as const) {
    const file = resolve(cwd, input);
    const kind = statSync(file, { throwIfNoEntry: false });
    if (kind === undefined) {
      collected.errors.push(`No such file: '${input}'.`);
      continue;
    }
    if (kind.isDirectory()) {
      collected.errors.push(`'${input}' is a folder: 'armlint diff' compares two template files (use '--base GIT_REF [paths]' for folders).`);
      continue;
    }
    const analysis = analyzeFile(file);
    if (broken(analysis)) {
      collected.broken.push(brokenResult(analysis));
      continue;
    }
    if (!analysis.isTemplate) {
      collected.errors.push(`'${input}' is not an ARM deployment template (no deploymentTemplate $schema, not a template's shape); nothing to compare.`);
      continue;
    }
    versions.push({ side, file, analysis });
  }
  const [before, after] = versions;
  if (before !== undefined && after !== undefined) collected.pairs.push({ before, after, path: after.file });
  return collected;
}

/** `--base REF [paths]`: every template file the change touches, against its version at REF. */
function basePairs(ref: string, paths: readonly string[], cwd: string): Collected {
  const found = baseFiles(ref, paths.length > 0 ? paths : ["."], cwd);
  const collected: Collected = { pairs: [], broken: [], errors: [], notes: [] };
  for (const problem of found.problems) {
    if (problem.startsWith("No files matching")) collected.errors.push(problem);
    else collected.notes.push(problem);
  }
  for (const file of found.files) {
    const old = analyzeText(file.beforeText, file.beforeLabel);
    const current = file.afterPath === undefined ? undefined : analyzeFile(file.afterPath);
    if (current !== undefined && broken(current)) {
      // A template that no longer parses: as lint would, report it (exit 2).
      if (old.isTemplate) collected.broken.push(brokenResult(current));
      continue;
    }
    const oldTemplate = old.isTemplate && !broken(old);
    const currentTemplate = current?.isTemplate === true;
    if (!oldTemplate && !currentTemplate) {
      if (broken(old)) collected.notes.push(`${file.beforeLabel} is not valid JSON; not compared.`);
      continue;
    }
    collected.pairs.push({
      before: { side: "before", file: file.beforeLabel, analysis: oldTemplate ? old : undefined },
      after: { side: "after", file: file.afterPath ?? file.path, analysis: currentTemplate ? current : undefined },
      path: file.path,
    });
  }
  return collected;
}

function broken(analysis: Analysis): boolean {
  return analysis.diagnostics.some((d) => d.ruleId === PARSE_ERROR && d.severity === "error");
}

function brokenResult(analysis: Analysis): LintResult {
  const diagnostics: Diagnostic[] = analysis.diagnostics.filter((d) => d.severity === "error");
  return { file: analysis.file, diagnostics, source: analysis.source?.text };
}

/** What the comparison assumed about removal (complete mode / deployment stacks, or incremental). */
function modeNote(options: DiffOptions, compared: number): string {
  const what = options.base === undefined ? "" : ` against ${options.base}`;
  const count = `${compared} ${compared === 1 ? "template" : "templates"} compared${what}`;
  const mode: DeploymentMode = options.deploymentMode;
  return mode === "complete"
    ? `${count}, assuming removal means deletion (complete mode or a deployment stack): resources missing from the new version are deleted. Pass --deployment-mode incremental if they are not.`
    : `${count} as an incremental deployment: removed resources are not deleted, so the deletion checks (foundry/deletion-order) are off.`;
}

/** Prints or writes the report (the mode note goes into stylish output, else to stderr); false when the output file cannot be written. */
function writeReport(reports: readonly FileReport[], note: string, options: DiffOptions, io: CliIO, context: ReportContext): boolean {
  const toFile = options.outputFile !== undefined;
  let output = formatReports(reports, options.format, { color: useColor(options.color, io, toFile), ...context });
  if (FORMATTERS[options.format].showsSummary) output = output === "" ? note : `${output}\n${note}`;
  else io.writeErr(`armlint: ${note}\n`);
  if (options.outputFile === undefined) {
    if (output !== "") io.writeOut(`${output}\n`);
    return true;
  }
  return writeOutputFile(resolve(io.cwd, options.outputFile), output, io);
}

