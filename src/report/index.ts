// Formatter registry: `--format` names → formatters, and one call from lint results to output text.
import type { LintResult } from "../runner/run.js";
import { formatCompact } from "./compact.js";
import { formatJson } from "./json.js";
import type { FormatName } from "./names.js";
import { errorsOnly, toFileReports } from "./results.js";
import { formatStylish } from "./stylish.js";
import type { FileReport, Formatter, RunSummary } from "./types.js";
import { formatUnix } from "./unix.js";

export interface FormatterEntry {
  format: Formatter;
  /** Whether the output shows the skipped/ignored summary (otherwise the CLI prints it to stderr). */
  showsSummary: boolean;
}

export const FORMATTERS: Readonly<Record<FormatName, FormatterEntry>> = {
  stylish: { format: formatStylish, showsSummary: true },
  json: { format: formatJson, showsSummary: false },
  compact: { format: formatCompact, showsSummary: false },
  unix: { format: formatUnix, showsSummary: false },
};

export interface FormatOptions {
  color?: boolean;
  /** Errors only (`--quiet`). */
  quiet?: boolean;
  summary?: RunSummary;
}

/** Formats lint results: grouped per file, sorted, `--quiet` applied. */
export function formatResults(results: readonly LintResult[], format: FormatName, options: FormatOptions = {}): string {
  const reports = toFileReports(results);
  return formatReports(options.quiet === true ? errorsOnly(reports) : reports, format, options);
}

export function formatReports(reports: readonly FileReport[], format: FormatName, options: FormatOptions = {}): string {
  const context = { color: options.color ?? false, ...(options.summary === undefined ? {} : { summary: options.summary }) };
  return FORMATTERS[format].format(reports, context);
}

export { FORMAT_NAMES, isFormatName, type FormatName } from "./names.js";
export { formatCompact } from "./compact.js";
export { formatJson, toEslintResult, type EslintMessage, type EslintResult } from "./json.js";
export { formatStylish } from "./stylish.js";
export { formatUnix } from "./unix.js";
export { errorsOnly, summaryLines, toFileReports, totals, type Totals } from "./results.js";
export type { FileReport, FormatContext, Formatter, RunSummary } from "./types.js";
