// Formatter types: per-file reports (ESLint's result shape, plus info counts) and what a formatter is given.
import type { Diagnostic } from "../diagnostics.js";
import type { RuleMeta } from "../runner/types.js";

/** One file's findings, grouped and counted the way ESLint's results are. */
export interface FileReport {
  /** Absolute path. */
  filePath: string;
  /** Sorted by line, column, rule id. */
  messages: Diagnostic[];
  errorCount: number;
  /** Errors that stopped analysis (`armlint/parse-error`). */
  fatalErrorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The file's text, when known (ESLint's JSON carries it for files with problems). */
  source: string | undefined;
  /** Suppressed findings (inline directives, baseline), each with `suppressions`; not counted above. */
  suppressedMessages?: Diagnostic[];
}

/** What was found but not linted; formatters that can show a summary show it. */
export interface RunSummary {
  /** JSON files without a deployment template `$schema`. */
  skippedNotTemplates: number;
  /** Parameter files (`*.parameters.json`, `deploymentParameters.json` schema). */
  skippedParameterFiles: number;
  /** Files left out by `ignorePatterns`. */
  ignored: number;
  /** Suppressed findings: `inSource` (metadata, comments) and `external` (baseline). */
  suppressed?: { inSource: number; external: number };
}

export interface FormatContext {
  /** ANSI colors on (stylish only). */
  color: boolean;
  summary?: RunSummary;
  /** Working directory; SARIF's repository root is the git work tree around it (default: `process.cwd()`). */
  cwd?: string;
  /** Metadata of every rule in effect, for SARIF's rule table (default: the built-in rules). */
  rules?: readonly RuleMeta[];
  /** Where a formatter warns about its output, e.g. SARIF near GitHub's result limits (default: stderr). */
  warn?: (message: string) => void;
}

export type Formatter = (reports: readonly FileReport[], context: FormatContext) => string;
