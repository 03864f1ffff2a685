// Result grouping: lint results → per-file reports, sorted, deduplicated and counted; `--quiet` filtering.
import type { Diagnostic } from "../diagnostics.js";
import { compareDiagnostics, PARSE_ERROR, type LintResult } from "../runner/run.js";
import { compareStrings } from "../runner/registry.js";
import type { FileReport, RunSummary } from "./types.js";

/**
 * Groups diagnostics by the file they are in (a finding in a linked template goes under that template),
 * drops duplicates (same fingerprint in the same file), sorts files by path and messages by position.
 */
export function toFileReports(results: readonly LintResult[]): FileReport[] {
  const byFile = new Map<string, { messages: Diagnostic[]; suppressed: Diagnostic[]; seen: Set<string>; source: string | undefined }>();
  const entry = (file: string) => {
    let found = byFile.get(file);
    if (found === undefined) byFile.set(file, (found = { messages: [], suppressed: [], seen: new Set(), source: undefined }));
    return found;
  };
  for (const result of results) entry(result.file).source ??= result.source;
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      const target = entry(diagnostic.file);
      const key = diagnostic.fingerprint ?? `${diagnostic.ruleId}\0${diagnostic.span.offset}\0${diagnostic.message}`;
      if (target.seen.has(key)) continue;
      target.seen.add(key);
      target.messages.push(diagnostic);
    }
    for (const diagnostic of result.suppressed ?? []) {
      const target = entry(diagnostic.file);
      const key = `suppressed\0${diagnostic.fingerprint ?? `${diagnostic.ruleId}\0${diagnostic.span.offset}\0${diagnostic.message}`}`;
      if (target.seen.has(key)) continue;
      target.seen.add(key);
      target.suppressed.push(diagnostic);
    }
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([filePath, { messages, suppressed, source }]) => countReport(filePath, messages.sort(compareDiagnostics), source, suppressed.sort(compareDiagnostics)));
}

export function countReport(filePath: string, messages: Diagnostic[], source: string | undefined, suppressed: Diagnostic[] = []): FileReport {
  const report: FileReport = {
    filePath,
    messages,
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    source,
    suppressedMessages: suppressed,
  };
  for (const message of messages) countMessage(report, message);
  return report;
}

function countMessage(report: FileReport, message: Diagnostic): void {
  const fixable = message.fix !== undefined;
  if (message.severity === "error") {
    report.errorCount++;
    if (message.ruleId === PARSE_ERROR) report.fatalErrorCount++;
    if (fixable) report.fixableErrorCount++;
  } else {
    if (message.severity === "warning") report.warningCount++;
    else report.infoCount++;
    if (fixable) report.fixableWarningCount++;
  }
}

/** `--quiet`: errors only; files left with no message are dropped (as ESLint does). */
export function errorsOnly(reports: readonly FileReport[]): FileReport[] {
  return reports
    .map((report) => countReport(report.filePath, report.messages.filter((m) => m.severity === "error"), report.source, report.suppressedMessages))
    .filter((report) => report.messages.length > 0);
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fatal: number;
  fixableErrors: number;
  fixableWarnings: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const sum: Totals = { errors: 0, warnings: 0, infos: 0, fatal: 0, fixableErrors: 0, fixableWarnings: 0 };
  for (const r of reports) {
    sum.errors += r.errorCount;
    sum.warnings += r.warningCount;
    sum.infos += r.infoCount;
    sum.fatal += r.fatalErrorCount;
    sum.fixableErrors += r.fixableErrorCount;
    sum.fixableWarnings += r.fixableWarningCount;
  }
  return sum;
}

export function pluralize(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

/** Summary lines for what was not linted: "N files skipped (not templates)", parameter files, ignored files. */
export function summaryLines(summary: RunSummary | undefined): string[] {
  if (summary === undefined) return [];
  const lines: string[] = [];
  const { skippedNotTemplates: notTemplates, skippedParameterFiles: parameters, ignored } = summary;
  if (notTemplates > 0) lines.push(`${notTemplates} ${pluralize("file", notTemplates)} skipped (${notTemplates === 1 ? "not a template" : "not templates"})`);
  if (parameters > 0) lines.push(`${parameters} parameter ${pluralize("file", parameters)} skipped`);
  if (ignored > 0) lines.push(`${ignored} ${pluralize("file", ignored)} ignored (ignorePatterns)`);
  const suppressed = summary.suppressed;
  if (suppressed !== undefined && suppressed.inSource + suppressed.external > 0) lines.push(suppressedLine(suppressed.inSource, suppressed.external));
  return lines;
}

/** "3 suppressed (2 inline, 1 by the baseline)": suppressed findings never vanish from the summary. */
function suppressedLine(inSource: number, external: number): string {
  if (external === 0) return `${inSource} suppressed inline`;
  if (inSource === 0) return `${external} suppressed by the baseline`;
  return `${inSource + external} suppressed (${inSource} inline, ${external} by the baseline)`;
}

/** Suppressed findings of reports, by kind: a finding an inline directive covers counts as inline even if the baseline lists it too. */
export function suppressedCounts(reports: readonly FileReport[]): { inSource: number; external: number } {
  const counts = { inSource: 0, external: 0 };
  for (const report of reports) {
    for (const message of report.suppressedMessages ?? []) {
      if (message.suppressions?.some((s) => s.kind === "inSource") === true) counts.inSource++;
      else counts.external++;
    }
  }
  return counts;
}
