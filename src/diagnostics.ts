// Shared diagnostic shape: what every stage (load, expressions, graph, rules) reports.

export type Severity = "error" | "warning" | "info";

/** A position in a file: 1-based line and column (column counts UTF-16 code units, like editors). */
export interface Position {
  line: number;
  column: number;
}

/** A half-open span of source text: offsets are 0-based into the decoded text. */
export interface Span {
  offset: number;
  length: number;
}

export interface Fix {
  /** Human-readable description of what the fix does. */
  description: string;
  /** Text edits on the decoded file text, non-overlapping. */
  edits: TextEdit[];
}

export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export interface Suggestion {
  description: string;
  fix?: Fix;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offset span of the JSON node the finding is about. */
  span: Span;
  docsUrl?: string;
  /** Stable identity of the finding, independent of line numbers. */
  fingerprint?: string;
  /** Structured data the message was built from (rule-specific). */
  data?: Record<string, string>;
  fix?: Fix;
  suggestions?: Suggestion[];
  /**
   * Set only on suppressed findings (`LintResult.suppressed`, `FileReport.suppressedMessages`): why the
   * finding does not count. One entry per suppression that covers it (SARIF `result.suppressions`).
   */
  suppressions?: Suppression[];
}

/**
 * A suppression of one finding, shaped like SARIF's `suppression` object. `inSource`: written in the
 * template (`metadata.armlint.disable` on a resource, or an `armlint-disable-next-line` comment);
 * `external`: an entry of the `--baseline` file.
 */
export interface Suppression {
  kind: "inSource" | "external";
  /** The reason given with it (`reason`, or the text after ` -- ` in a comment); absent when none was given. */
  justification?: string;
  /** Where the suppression is written: the comment or metadata entry (with its span), or the baseline file. */
  location?: SuppressionLocation;
}

export interface SuppressionLocation {
  /** Absolute path. */
  file: string;
  /** 1-based span of the comment or metadata entry; absent for a baseline file. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export const DOCS_BASE = "https://github.com/armlint/armlint/blob/main/rules/";

/** Docs URL of a rule id (`arm/dependency-cycle` → `.../rules/arm/dependency-cycle.md`). */
export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/**
 * An error about a whole file rather than a node in it (unreadable, unparseable, a crash): at line 1, column 1,
 * with an empty span and the id's docs page.
 */
export function fileError(ruleId: string, file: string, message: string, data?: Record<string, string>): Diagnostic {
  const diagnostic: Diagnostic = {
    ruleId,
    severity: "error",
    message,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    span: { offset: 0, length: 0 },
    docsUrl: docsUrlFor(ruleId),
  };
  if (data !== undefined) diagnostic.data = data;
  return diagnostic;
}
