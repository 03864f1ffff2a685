// JSON formatter: exactly ESLint's JSON result format (severity 1|2), plus level/docsUrl/fingerprint extras.
import type { Diagnostic, Fix } from "../diagnostics.js";
import { PARSE_ERROR } from "../runner/run.js";
import type { FileReport } from "./types.js";

export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string | null;
  fatal?: true;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
  /** Extra: ESLint has no info level, so info findings are severity 1 with `level: "info"`. */
  level?: "info";
  /** Extra: the rule's documentation. */
  docsUrl?: string;
  /** Extra: line-independent identity of the finding. */
  fingerprint?: string;
  /** In `suppressedMessages` only, as ESLint writes it: `directive` (metadata, comment) or `external` (baseline). */
  suppressions?: { kind: "directive" | "external"; justification: string }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
}

export function formatJson(reports: readonly FileReport[]): string {
  // The text of JSON.stringify(reports.map(toEslintResult)), built as one flat string from each file's JSON:
  // stringify of the whole array makes a rope of the (tens of megabytes of) text, copied again when read.
  const parts = reports.map((report) => JSON.stringify(toEslintResult(report)));
  if (parts.length === 0) return "[]";
  parts[0] = `[${parts[0]!}`;
  parts[parts.length - 1] = `${parts[parts.length - 1]!}]`;
  return parts.join(",");
}

/** One file report in ESLint's result shape; info findings count as warnings, as ESLint readers expect. */
export function toEslintResult(report: FileReport): EslintResult {
  const errorCount = report.errorCount;
  const warningCount = report.warningCount + report.infoCount;
  const withSource = errorCount + warningCount > 0 && report.source !== undefined;
  return {
    filePath: report.filePath,
    messages: report.messages.map((message) => toEslintMessage(message, sourceFor(report, message))),
    suppressedMessages: (report.suppressedMessages ?? []).map((message) => toSuppressedMessage(message, sourceFor(report, message))),
    errorCount,
    fatalErrorCount: report.fatalErrorCount,
    warningCount,
    fixableErrorCount: report.fixableErrorCount,
    fixableWarningCount: report.fixableWarningCount,
    ...(withSource ? { source: report.source } : {}),
    usedDeprecatedRules: [],
  };
}

/** A suppressed finding in ESLint's shape: the message plus `suppressions` (inSource → ESLint's `directive`). */
function toSuppressedMessage(diagnostic: Diagnostic, source: string | undefined): EslintMessage {
  const suppressions = (diagnostic.suppressions ?? []).map((s) => ({ kind: s.kind === "inSource" ? ("directive" as const) : ("external" as const), justification: s.justification ?? "" }));
  return { ...toEslintMessage(diagnostic, source), suppressions };
}

function sourceFor(report: FileReport, message: Diagnostic): string | undefined {
  return message.file === report.filePath ? report.source : undefined;
}

export function toEslintMessage(diagnostic: Diagnostic, source: string | undefined): EslintMessage {
  const fatal = diagnostic.ruleId === PARSE_ERROR && diagnostic.severity === "error";
  const message: EslintMessage = {
    ruleId: diagnostic.ruleId,
    ...(fatal ? { fatal: true as const } : {}),
    severity: diagnostic.severity === "error" ? 2 : 1,
    message: diagnostic.message,
    line: diagnostic.line,
    column: diagnostic.column,
    endLine: diagnostic.endLine,
    endColumn: diagnostic.endColumn,
  };
  const fix = diagnostic.fix === undefined ? undefined : toEslintFix(diagnostic.fix, source);
  if (fix !== undefined) message.fix = fix;
  const suggestions = toEslintSuggestions(diagnostic, source);
  if (suggestions.length > 0) message.suggestions = suggestions;
  if (diagnostic.severity === "info") message.level = "info";
  if (diagnostic.docsUrl !== undefined) message.docsUrl = diagnostic.docsUrl;
  if (diagnostic.fingerprint !== undefined) message.fingerprint = diagnostic.fingerprint;
  return message;
}

function toEslintSuggestions(diagnostic: Diagnostic, source: string | undefined): { desc: string; fix: EslintFix }[] {
  const out: { desc: string; fix: EslintFix }[] = [];
  for (const suggestion of diagnostic.suggestions ?? []) {
    const fix = suggestion.fix === undefined ? undefined : toEslintFix(suggestion.fix, source);
    if (fix !== undefined) out.push({ desc: suggestion.description, fix });
  }
  return out;
}

/**
 * ESLint fixes are one replaced range: several edits merge into one range whose text keeps the
 * original text between them (as ESLint's own mergeFixes does); that needs the source text.
 */
export function toEslintFix(fix: Fix, source: string | undefined): EslintFix | undefined {
  const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
  const first = edits[0];
  const last = edits[edits.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (edits.length === 1) return { range: [first.offset, first.offset + first.length], text: first.text };
  if (source === undefined) return undefined;
  const start = first.offset;
  const end = last.offset + last.length;
  let text = "";
  let position = start;
  for (const edit of edits) {
    if (edit.offset < position) return undefined;
    text += source.slice(position, edit.offset) + edit.text;
    position = edit.offset + edit.length;
  }
  return { range: [start, end], text: text + source.slice(position, end) };
}
