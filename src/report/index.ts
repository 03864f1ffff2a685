// Formatter registry: `--format` names → formatters, and one call from lint results to output text.
import type { LintResult } from "../runner/run.js";
import { formatCompact } from "./compact.js";
import { formatJson } from "./json.js";
import { isEagerFormatName, type FormatName, type LazyFormatName } from "./names.js";
import { errorsOnly, toFileReports } from "./results.js";
import { formatStylish } from "./stylish.js";
import type { FileReport, FormatContext, Formatter, RunSummary } from "./types.js";
import { formatUnix } from "./unix.js";

export interface FormatterEntry {
  format: Formatter;
  /** Whether the output shows the skipped/ignored summary (otherwise the CLI prints it to stderr). */
  showsSummary: boolean;
}

/** A format whose module is imported only when it is chosen, so `armlint` starts fast with the others. */
export interface LazyFormatterEntry {
  load: () => Promise<Formatter>;
  showsSummary: boolean;
  /** Wants every rule's metadata in `FormatContext.rules` (SARIF's rule table). */
  needsRules: boolean;
}

export const LAZY_FORMATTERS: Readonly<Record<LazyFormatName, LazyFormatterEntry>> = {
  sarif: { load: async () => (await import("./sarif.js")).formatSarif, showsSummary: false, needsRules: true },
  github: { load: async () => (await import("./github.js")).formatGithub, showsSummary: false, needsRules: false },
  junit: { load: async () => (await import("./junit.js")).formatJunit, showsSummary: false, needsRules: false },
  checkstyle: { load: async () => (await import("./checkstyle.js")).formatCheckstyle, showsSummary: false, needsRules: false },
  "azure-devops": { load: async () => (await import("./azure-devops.js")).formatAzureDevops, showsSummary: false, needsRules: false },
};

const loaded = new Map<LazyFormatName, Formatter>();

/** The entry of a lazily loaded format: formats once `loadFormatter(name)` has imported it. */
function lazyEntry(name: LazyFormatName): FormatterEntry {
  const format: Formatter = (reports, context) => {
    const formatter = loaded.get(name);
    if (formatter === undefined) throw new Error(`The '${name}' format is imported on demand: await loadFormatter("${name}") before formatting with it.`);
    return formatter(reports, context);
  };
  return { format, showsSummary: LAZY_FORMATTERS[name].showsSummary };
}

/** Every format. The CI and code-scanning ones (LAZY_FORMATTERS) work after `await loadFormatter(name)`. */
export const FORMATTERS: Readonly<Record<FormatName, FormatterEntry>> = {
  stylish: { format: formatStylish, showsSummary: true },
  json: { format: formatJson, showsSummary: false },
  compact: { format: formatCompact, showsSummary: false },
  unix: { format: formatUnix, showsSummary: false },
  sarif: lazyEntry("sarif"),
  github: lazyEntry("github"),
  junit: lazyEntry("junit"),
  checkstyle: lazyEntry("checkstyle"),
  "azure-devops": lazyEntry("azure-devops"),
};

export interface LoadedFormatter extends FormatterEntry {
  needsRules: boolean;
}

/** The formatter of a `--format` name, importing its module first when it is a lazily loaded one. */
export async function loadFormatter(name: FormatName): Promise<LoadedFormatter> {
  if (isEagerFormatName(name)) return { ...FORMATTERS[name], needsRules: false };
  const entry = LAZY_FORMATTERS[name];
  if (!loaded.has(name)) loaded.set(name, await entry.load());
  return { ...FORMATTERS[name], needsRules: entry.needsRules };
}

export interface FormatOptions {
  color?: boolean;
  /** Errors only (`--quiet`). */
  quiet?: boolean;
  summary?: RunSummary;
  /** Passed on to the formatter (see FormatContext). */
  cwd?: string;
  rules?: FormatContext["rules"];
  warn?: FormatContext["warn"];
}

/** Formats lint results: grouped per file, sorted, `--quiet` applied (a lazily loaded format: see loadFormatter). */
export function formatResults(results: readonly LintResult[], format: FormatName, options: FormatOptions = {}): string {
  const reports = toFileReports(results);
  return formatReports(options.quiet === true ? errorsOnly(reports) : reports, format, options);
}

export function formatReports(reports: readonly FileReport[], format: FormatName, options: FormatOptions = {}): string {
  return FORMATTERS[format].format(reports, formatContext(options));
}

/** Like formatResults, importing the format's module first when it is a lazily loaded one. */
export async function formatResultsAsync(results: readonly LintResult[], format: FormatName, options: FormatOptions = {}): Promise<string> {
  const reports = toFileReports(results);
  const formatter = await loadFormatter(format);
  return formatter.format(options.quiet === true ? errorsOnly(reports) : reports, formatContext(options));
}

export function formatContext(options: FormatOptions): FormatContext {
  const context: FormatContext = { color: options.color ?? false };
  if (options.summary !== undefined) context.summary = options.summary;
  if (options.cwd !== undefined) context.cwd = options.cwd;
  if (options.rules !== undefined) context.rules = options.rules;
  if (options.warn !== undefined) context.warn = options.warn;
  return context;
}

export { FORMAT_NAMES, isFormatName, type EagerFormatName, type FormatName, type LazyFormatName } from "./names.js";
export { formatCompact } from "./compact.js";
export { formatJson, toEslintResult, type EslintMessage, type EslintResult } from "./json.js";
export { formatStylish } from "./stylish.js";
export { formatUnix } from "./unix.js";
export { errorsOnly, summaryLines, toFileReports, totals, type Totals } from "./results.js";
export type { FileReport, FormatContext, Formatter, RunSummary } from "./types.js";
