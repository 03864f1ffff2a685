// Change runner: runs every enabled change rule on a before/after pair and turns reports into located, fingerprinted diagnostics.
import { fileError, type Diagnostic, type Severity, type Span } from "../diagnostics.js";
import type { SourceFile } from "../load/source.js";
import type { ResolvedConfig } from "../runner/config.js";
import { baseFingerprint, fingerprintPath, withOccurrence } from "../runner/fingerprint.js";
import { errorMessage } from "../runner/plugins.js";
import { compareDiagnostics, INTERNAL_ERROR, oneLine, type LintResult } from "../runner/run.js";
import { applyInlineSuppressions } from "../suppress/apply.js";
import { matchResources } from "./match.js";
import { isChangeRule, type ChangeContext, type ChangeReportDescriptor, type ChangeRule, type DeploymentMode, type ResourceMatch, type Side, type TemplateVersion } from "./types.js";

export interface CompareOptions {
  mode: DeploymentMode;
  /** Base for the file part of fingerprints; defaults to `process.cwd()`. */
  cwd?: string;
  /**
   * The path fingerprints use for both sides (the file's place in the working tree), so a finding keeps
   * its fingerprint whichever revision it is compared with; defaults to each side's `file`.
   */
  fingerprintFile?: string;
  /**
   * Apply the inline suppressions of each version to its findings (`metadata.armlint`, `armlint-disable-next-line`
   * comments); default true (`--no-inline-config`: false). Directives are not checked here (no reason, unused):
   * lint reports them, and most name rules that a comparison does not run.
   */
  inlineConfig?: boolean;
}

/** The findings of a change, per side: each result's `file` is that side's `file`, `source` its text. */
export interface ChangeResult {
  before: LintResult;
  after: LintResult;
  /** The matching the rules saw. */
  resources: ResourceMatch;
}

/** Runs the enabled change rules of `config` on one before/after pair. Never throws for a rule's crash. */
export function compareVersions(before: TemplateVersion, after: TemplateVersion, config: ResolvedConfig, options: CompareOptions): ChangeResult {
  const cwd = options.cwd ?? process.cwd();
  const resources = matchResources(before.analysis, after.analysis);
  const found: { side: Side; diagnostic: Diagnostic; identity: string | undefined }[] = [];
  for (const rule of config.registry.rules()) {
    if (!isChangeRule(rule)) continue;
    const setting = config.rules.get(rule.meta.id);
    if (setting === undefined || setting.severity === "off") continue;
    const severity = setting.severity;
    const context: ChangeContext = {
      id: rule.meta.id,
      severity,
      options: setting.options,
      before,
      after,
      mode: options.mode,
      resources,
      report: (descriptor) => {
        found.push({ side: descriptor.side, diagnostic: buildDiagnostic(rule, severity, descriptor, descriptor.side === "before" ? before : after), identity: descriptor.identity });
      },
    };
    try {
      rule.checkChange(context);
    } catch (error) {
      found.push({ side: "after", diagnostic: crashDiagnostic(after.file, rule, error), identity: undefined });
    }
  }
  found.sort((x, y) => compareDiagnostics(x.diagnostic, y.diagnostic));
  const seen = new Map<string, number>();
  for (const { diagnostic, identity } of found) {
    const base = baseFingerprint({
      ruleId: diagnostic.ruleId,
      file: fingerprintPath(options.fingerprintFile ?? diagnostic.file, cwd),
      identity,
      data: diagnostic.data,
    });
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    diagnostic.fingerprint = withOccurrence(base, occurrence);
  }
  const result = (version: TemplateVersion): LintResult => {
    const items = found.filter((f) => f.side === version.side);
    const source = version.analysis?.source?.text;
    if (version.analysis === undefined || options.inlineConfig === false) return { file: version.file, diagnostics: items.map((f) => f.diagnostic), source };
    const outcome = applyInlineSuppressions(version.analysis, items, { cwd, reportUnused: false, isKnownRule: () => true });
    return { file: version.file, diagnostics: outcome.active.map((f) => f.diagnostic), source, suppressed: outcome.suppressed };
  };
  return { before: result(before), after: result(after), resources };
}

function buildDiagnostic(rule: ChangeRule, configured: Severity, descriptor: ChangeReportDescriptor, version: TemplateVersion): Diagnostic {
  if (descriptor.message === "") throw new TypeError(`report() needs a non-empty "message" string`);
  const file = descriptor.file ?? version.file;
  const span: Span = descriptor.node !== undefined ? { offset: descriptor.node.offset, length: descriptor.node.length } : (descriptor.span ?? { offset: 0, length: 0 });
  const source = sourceOf(version, file);
  const start = source?.positionAt(span.offset) ?? { line: 1, column: 1 };
  const end = source?.positionAt(span.offset + span.length) ?? start;
  const diagnostic: Diagnostic = {
    ruleId: rule.meta.id,
    severity: lessSevere(configured, descriptor.severity),
    message: oneLine(descriptor.message),
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    span,
  };
  if (rule.meta.docsUrl !== "") diagnostic.docsUrl = rule.meta.docsUrl;
  if (descriptor.data !== undefined) diagnostic.data = { ...descriptor.data };
  if (descriptor.fix !== undefined) diagnostic.fix = descriptor.fix;
  if (descriptor.suggestions !== undefined) diagnostic.suggestions = descriptor.suggestions;
  return diagnostic;
}

function sourceOf(version: TemplateVersion, file: string): SourceFile | undefined {
  const analysis = version.analysis;
  if (analysis === undefined) return undefined;
  return analysis.sources.get(file) ?? (file === version.file ? analysis.source : undefined);
}

function crashDiagnostic(file: string, rule: ChangeRule, error: unknown): Diagnostic {
  return fileError(INTERNAL_ERROR, file, oneLine(`Rule "${rule.meta.id}" crashed: ${errorMessage(error)}`), { rule: rule.meta.id });
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A rule may lower its configured severity for one finding, never raise it. */
function lessSevere(configured: Severity, requested: Severity | undefined): Severity {
  if (requested === undefined) return configured;
  return SEVERITY_RANK[requested] < SEVERITY_RANK[configured] ? requested : configured;
}
