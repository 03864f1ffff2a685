// `armlint [paths]`: discover inputs, lint them with the programmatic API, print the report, pick the exit code.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { FORMATTERS, formatReports } from "../report/index.js";
import { errorsOnly, summaryLines, toFileReports, totals } from "../report/results.js";
import type { FileReport, RunSummary } from "../report/types.js";
import { ConfigError, ConfigResolver } from "../runner/config.js";
import { lintFiles } from "../runner/lint.js";
import { INTERNAL_ERROR, PARSE_ERROR } from "../runner/run.js";
import { configSource, type LintOptions } from "./args.js";
import { discoverFiles, type Discovery } from "./discover.js";
import { useColor, type CliIO } from "./io.js";

export async function runLintCommand(options: LintOptions, io: CliIO): Promise<number> {
  const resolver = new ConfigResolver({ source: configSource(options), overrides: options.rules, cwd: io.cwd });
  try {
    if (options.config !== undefined || options.noConfig) await resolver.forDirectory(io.cwd);
    const discovery = discoverFiles(options.paths.length > 0 ? options.paths : ["."], { cwd: io.cwd });
    for (const error of discovery.errors) io.writeErr(`armlint: ${error.message}\n`);
    const linted = await lintFiles(
      discovery.files.map((file) => file.path),
      { cwd: io.cwd, resolver },
    );
    const reports = toFileReports(linted.results);
    const summary = runSummary(discovery, linted.ignored.length);
    const written = writeReport(options.quiet ? errorsOnly(reports) : reports, summary, options, io);
    return exitCode(reports, discovery.errors.length > 0 || !written, options, io);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return 2;
  }
}

function runSummary(discovery: Discovery, ignored: number): RunSummary {
  const parameters = discovery.skipped.filter((s) => s.reason === "parameters").length;
  return { skippedNotTemplates: discovery.skipped.length - parameters, skippedParameterFiles: parameters, ignored };
}

/** Prints or writes the report; false when the output file cannot be written. */
function writeReport(reports: readonly FileReport[], summary: RunSummary, options: LintOptions, io: CliIO): boolean {
  const toFile = options.outputFile !== undefined;
  const output = formatReports(reports, options.format, { color: useColor(options.color, io, toFile), summary });
  if (!FORMATTERS[options.format].showsSummary) {
    for (const line of summaryLines(summary)) io.writeErr(`armlint: ${line}\n`);
  }
  if (options.outputFile === undefined) {
    if (output !== "") io.writeOut(`${output}\n`);
    return true;
  }
  return writeOutputFile(resolve(io.cwd, options.outputFile), output, io);
}

function writeOutputFile(file: string, output: string, io: CliIO): boolean {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
      io.writeErr(`armlint: Cannot write the report to ${file}: it is a folder.\n`);
      return false;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output);
    return true;
  } catch (error) {
    io.writeErr(`armlint: Cannot write the report to ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

/** 2: an input or the output failed, or a file could not be parsed or analyzed; 1: errors or too many warnings. */
function exitCode(reports: readonly FileReport[], failed: boolean, options: LintOptions, io: CliIO): number {
  const broken = reports.some((r) => r.messages.some((m) => m.ruleId === PARSE_ERROR || m.ruleId === INTERNAL_ERROR));
  const t = totals(reports);
  const max = options.maxWarnings;
  const tooManyWarnings = max !== undefined && t.warnings > max;
  if (tooManyWarnings && t.errors === 0) io.writeErr(`armlint found too many warnings (maximum: ${max}).\n`);
  if (failed || broken) return 2;
  return t.errors > 0 || tooManyWarnings ? 1 : 0;
}
