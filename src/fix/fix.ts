// `--fix`: apply fixes to a linted file in passes (re-analyze and re-lint after each), guard the deployment, skip Bicep output.
import { writeFileSync } from "node:fs";
import { analyzeFile, analyzeText, type Analysis, type AnalyzeOptions } from "../analyze.js";
import { docsUrlFor, type Diagnostic, type Span } from "../diagnostics.js";
import type { TextEncodingName } from "../load/decode.js";
import { getProperty, toPlainValue } from "../load/loader.js";
import type { SourceFile } from "../load/source.js";
import type { ResolvedConfig } from "../runner/config.js";
import { assignFingerprints } from "../runner/fingerprint.js";
import { compareDiagnostics, lintAnalysis, type LintOptions, type LintResult } from "../runner/run.js";
import { deploymentChange } from "./deploys.js";
import { applyFixes, selectFixes } from "./edits.js";

/** Overlapping fixes wait for a re-lint; at most this many passes per file. */
export const MAX_FIX_PASSES = 10;
/** Info finding: `--fix` left the file alone (emitted by Bicep, or a fix would have changed the deployment). */
export const FIX_SKIPPED = "armlint/fix-skipped";

export interface FixFileOptions {
  config: ResolvedConfig;
  /** How the file was analyzed (type data, parameters file). */
  analyze: AnalyzeOptions;
  /** Lint options of the run (cwd, inline suppressions): each pass lints the way the run did. */
  lint: LintOptions & { cwd: string };
  maxPasses?: number;
}

export interface FixOutcome {
  /** Absolute path. */
  file: string;
  /** The lint result of the file as it is after the fixes (the input result when nothing was fixed). */
  result: LintResult;
  /** Decoded text before and after; `output` is undefined when nothing changed. */
  original: string | undefined;
  output: string | undefined;
  encoding: TextEncodingName;
  /** Fixes applied, over all passes. */
  applied: number;
  passes: number;
  /** Why fixing stopped early or never started (also reported as an `armlint/fix-skipped` finding). */
  skipped?: { reason: "bicep" | "changes-deployment" | "invalid-result"; note: string };
}

/** Findings of a result that `--fix` could act on: a fix, or a finding of a fixable rule (Bicep templates get none). */
export function hasFixWork(result: LintResult, config: ResolvedConfig): boolean {
  return result.diagnostics.some((d) => d.fix !== undefined || isFixableRule(d, config));
}

/** "1 fixable finding" / "N fixable findings": how many findings of the result `--fix` could act on. */
export function fixableFindings(result: LintResult, config: ResolvedConfig): string {
  const count = result.diagnostics.filter((d) => d.fix !== undefined || isFixableRule(d, config)).length;
  return count === 1 ? "1 fixable finding" : `${count} fixable findings`;
}

function isFixableRule(d: Diagnostic, config: ResolvedConfig): boolean {
  return config.registry.get(d.ruleId)?.meta.fixable === "code";
}

/**
 * Fixes one linted file in memory: each pass applies the fixes that do not overlap (dependsOn additions
 * first), re-analyzes and re-lints the new text, until nothing is left to fix or `maxPasses`. A pass
 * whose text no longer parses as a template, or would deploy something else than the original (beyond
 * added dependsOn entries), is dropped and fixing stops. Nothing is written: see `writeFixed`.
 */
export function fixFile(initial: LintResult, options: FixFileOptions): FixOutcome {
  const file = initial.file;
  const unchanged: FixOutcome = { file, result: initial, original: initial.source, output: undefined, encoding: "utf-8", applied: 0, passes: 0 };
  if (!hasFixWork(initial, options.config)) return unchanged;
  let analysis = analyzeFile(file, { followLinks: true, ...options.analyze });
  const source = analysis.source;
  if (source === undefined || analysis.root === undefined || !analysis.isTemplate) return unchanged;
  let result = lintAnalysis(analysis, options.config, options.lint);
  const outcome: FixOutcome = { ...unchanged, result, original: source.text, encoding: source.encoding };
  if (isBicepOutput(analysis)) return bicepOutcome(outcome, analysis, options);
  let text = source.text;
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  while (outcome.passes < maxPasses) {
    const fixes = selectFixes(result.diagnostics, text.length);
    if (fixes.length === 0) break;
    const next = applyFixes(text, fixes);
    const nextAnalysis = analyzeText(next, file, { followLinks: true, ...options.analyze });
    const problem = passProblem(analysis, nextAnalysis);
    if (problem !== undefined) {
      outcome.skipped = problem;
      result = withNote(result, problem.reason, problem.note, { offset: 0, length: 0 }, analysis.source, options);
      break;
    }
    outcome.passes++;
    outcome.applied += fixes.length;
    text = next;
    analysis = nextAnalysis;
    result = lintAnalysis(analysis, options.config, options.lint);
  }
  outcome.result = result;
  outcome.output = text === source.text ? undefined : text;
  return outcome;
}

/** Why a pass's result cannot be kept, or undefined when it can. */
function passProblem(before: Analysis, after: Analysis): FixOutcome["skipped"] {
  if (after.root === undefined || !after.isTemplate || before.root === undefined) {
    return { reason: "invalid-result", note: "a fix produced text that is not a valid template, so the remaining fixes were not applied (please report this as an armlint bug)" };
  }
  const change = deploymentChange(toPlainValue(before.root), toPlainValue(after.root));
  if (change === undefined) return undefined;
  return {
    reason: "changes-deployment",
    note: `a fix would change what the template deploys (at ${change}), not only add dependsOn entries, so the remaining fixes were not applied (please report this to the rule's author)`,
  };
}

/** Was the template emitted by Bicep (`metadata._generator.name` is `bicep`)? Its JSON is regenerated from the `.bicep` file. */
export function isBicepOutput(analysis: Analysis): boolean {
  return analysis.model?.root.generator?.toLowerCase() === "bicep";
}

function bicepOutcome(outcome: FixOutcome, analysis: Analysis, options: FixFileOptions): FixOutcome {
  if (!hasFixWork(outcome.result, options.config)) return outcome;
  const findings = fixableFindings(outcome.result, options.config);
  const note =
    `emitted by Bicep (metadata._generator.name is 'bicep') and regenerated from its .bicep source, so --fix left it unchanged: ` +
    `fix the .bicep file instead (${findings}; each message gives the Bicep form of the fix)`;
  outcome.skipped = { reason: "bicep", note };
  outcome.result = withNote(outcome.result, "bicep", `This template was ${note}.`, generatorSpan(analysis), analysis.source, options);
  return outcome;
}

/** The `"bicep"` string of `metadata._generator.name`, where the note points. */
function generatorSpan(analysis: Analysis): Span {
  const root = analysis.model?.root.json;
  const metadata = root === undefined ? undefined : getProperty(root, "metadata")?.value;
  const generator = metadata?.type === "object" ? getProperty(metadata, "_generator")?.value : undefined;
  const name = generator?.type === "object" ? getProperty(generator, "name")?.value : undefined;
  return name === undefined ? { offset: 0, length: 0 } : { offset: name.offset, length: name.length };
}

function withNote(result: LintResult, reason: string, message: string, span: Span, source: SourceFile | undefined, options: FixFileOptions): LintResult {
  const start = source?.positionAt(span.offset) ?? { line: 1, column: 1 };
  const end = source?.positionAt(span.offset + span.length) ?? start;
  const note: Diagnostic = {
    ruleId: FIX_SKIPPED,
    severity: "info",
    message: message.endsWith(".") ? message : `${message[0]?.toUpperCase() ?? ""}${message.slice(1)}.`,
    file: result.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    span,
    docsUrl: docsUrlFor(FIX_SKIPPED),
    data: { reason },
  };
  assignFingerprints([{ diagnostic: note, identity: undefined }], options.lint.cwd);
  return { ...result, diagnostics: [...result.diagnostics, note].sort(compareDiagnostics) };
}

/** Writes fixed text back in the file's own encoding (a BOM stays a BOM; UTF-16 stays UTF-16). */
export function writeFixed(file: string, text: string, encoding: TextEncodingName): void {
  writeFileSync(file, encode(text, encoding));
}

export function encode(text: string, encoding: TextEncodingName): Buffer {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.from(`\uFEFF${text}`, "utf8");
    case "utf-16le":
      return Buffer.from(`\uFEFF${text}`, "utf16le");
    case "utf-16be":
      return Buffer.from(`\uFEFF${text}`, "utf16le").swap16();
  }
}
