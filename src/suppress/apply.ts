// Applying inline suppressions: move covered findings aside (marked, never dropped) and report directives without a reason or unused.
import type { Analysis } from "../analyze.js";
import { docsUrlFor, type Diagnostic, type Span, type Suppression } from "../diagnostics.js";
import type { SourceFile } from "../load/source.js";
import { assignFingerprints, type FingerprintSource } from "../runner/fingerprint.js";
import { collectDirectives, loadedSources, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION, type Directive } from "./directives.js";

/** Findings no directive can suppress: the file could not be analyzed, or the finding is about a directive. */
const NOT_SUPPRESSIBLE: ReadonlySet<string> = new Set([
  "armlint/parse-error",
  "armlint/internal-error",
  SUPPRESSION_WITHOUT_REASON,
  UNUSED_SUPPRESSION,
]);

export interface SuppressOptions {
  /** Base for relative paths and fingerprints. */
  cwd: string;
  /** Report directives (or rule ids in them) that suppress nothing: `--report-unused-disable-directives`. */
  reportUnused: boolean;
  /** Whether a rule id exists (registered rules and armlint's own ids), to say so when an unused id is unknown. */
  isKnownRule: (id: string) => boolean;
  /** The analysis's loadedSources, when the caller has them already (the runner does). */
  sources?: ReadonlyMap<string, SourceFile>;
}

export interface SuppressOutcome {
  /** Findings that still count, in the given order (the given list itself when no directive applies). */
  active: readonly FingerprintSource[];
  /** Suppressed findings, each with its `suppressions`, in the given order. */
  suppressed: Diagnostic[];
  /** Findings about the directives themselves (no reason, unused), fingerprinted, unsorted. */
  directiveFindings: Diagnostic[];
}

/** Applies the analysis's inline directives to its (sorted, fingerprinted) findings. */
export function applyInlineSuppressions(analysis: Analysis, items: readonly FingerprintSource[], options: SuppressOptions): SuppressOutcome {
  const sources = options.sources ?? loadedSources(analysis, options.cwd);
  const directives = collectDirectives(analysis, options.cwd, sources);
  if (directives.length === 0) return { active: items, suppressed: [], directiveFindings: [] };
  const usage = directives.map((d) => ({ directive: d, used: d.rules.map(() => false), anyUsed: false }));
  const active: FingerprintSource[] = [];
  const suppressed: Diagnostic[] = [];
  for (const item of items) {
    const suppressions: Suppression[] = [];
    if (!NOT_SUPPRESSIBLE.has(item.diagnostic.ruleId)) {
      for (const entry of usage) {
        const index = ruleIndex(entry.directive, item.diagnostic.ruleId);
        if (index === undefined || !covers(entry.directive, item)) continue;
        if (index >= 0) entry.used[index] = true;
        entry.anyUsed = true;
        suppressions.push(suppressionOf(entry.directive, sources.get(entry.directive.file)));
      }
    }
    if (suppressions.length === 0) active.push(item);
    else suppressed.push({ ...item.diagnostic, suppressions });
  }
  const findings: FingerprintSource[] = [];
  for (const { directive, used, anyUsed } of usage) {
    const source = sources.get(directive.file);
    if (directive.reason === undefined && (directive.allRules || directive.rules.length > 0)) {
      findings.push(withoutReason(directive, source));
    }
    if (!options.reportUnused) continue;
    if (directive.allRules && !anyUsed) findings.push(unused(directive, undefined, directive.span, source, options));
    directive.rules.forEach((rule, i) => {
      if (used[i] !== true) findings.push(unused(directive, rule.id, rule.span, source, options));
    });
  }
  assignFingerprints(findings, options.cwd);
  return { active, suppressed, directiveFindings: findings.map((f) => f.diagnostic) };
}

/** Index of the rule id in the directive's list; -1 for a directive that names no rule (all rules); undefined: not named. */
function ruleIndex(directive: Directive, ruleId: string): number | undefined {
  if (directive.allRules) return -1;
  const index = directive.rules.findIndex((r) => r.id === ruleId);
  return index < 0 ? undefined : index;
}

/** Is the finding where the directive applies: its line (comments), inside or about its resource (metadata)? */
function covers(directive: Directive, item: FingerprintSource): boolean {
  const d = item.diagnostic;
  if (directive.kind === "comment") return d.file === directive.file && d.line === directive.line;
  if (directive.identity !== undefined && item.identity === directive.identity) return true;
  return d.file === directive.file && within(d.span, directive.resource);
}

function within(inner: Span, outer: Span): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

function suppressionOf(directive: Directive, source: SourceFile | undefined): Suppression {
  const suppression: Suppression = { kind: "inSource", location: { file: directive.file, ...region(directive.span, source) } };
  if (directive.reason !== undefined) suppression.justification = directive.reason;
  return suppression;
}

interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function region(span: Span, source: SourceFile | undefined): Region {
  if (source === undefined) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const start = source.positionAt(span.offset);
  const end = source.positionAt(span.offset + span.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function directiveFinding(
  ruleId: string,
  severity: Diagnostic["severity"],
  message: string,
  directive: Directive,
  span: Span,
  source: SourceFile | undefined,
  data: Record<string, string>,
): FingerprintSource {
  const diagnostic: Diagnostic = {
    ruleId,
    severity,
    message,
    file: directive.file,
    ...region(span, source),
    span,
    docsUrl: docsUrlFor(ruleId),
    data,
  };
  return { diagnostic, identity: directive.kind === "metadata" ? directive.identity : undefined };
}

function withoutReason(directive: Directive, source: SourceFile | undefined): FingerprintSource {
  const named = directive.allRules ? "every rule" : directive.rules.map((r) => `'${r.id}'`).join(", ");
  const how =
    directive.kind === "comment"
      ? `write it after " -- " in the comment (// armlint-disable-next-line ${directive.allRules ? "" : `${directive.rules.map((r) => r.id).join(", ")} `}-- why)`
      : `add "reason": "why" beside "disable" in the resource's metadata.armlint`;
  const message = `This suppression of ${named} gives no reason: ${how}, so reviewers can tell the finding was accepted on purpose.`;
  return directiveFinding(SUPPRESSION_WITHOUT_REASON, "warning", message, directive, directive.span, source, {
    directive: directive.kind,
    rules: directive.allRules ? "*" : directive.rules.map((r) => r.id).join(","),
  });
}

function unused(directive: Directive, ruleId: string | undefined, span: Span, source: SourceFile | undefined, options: SuppressOptions): FingerprintSource {
  let message: string;
  if (ruleId === undefined) {
    // Only a comment can name no rule (every rule on its next line).
    message = `Unused suppression: no finding on ${directive.kind === "comment" ? `line ${directive.line}` : "this resource"} to suppress. Remove the comment.`;
  } else if (!options.isKnownRule(ruleId)) {
    message = `Unused suppression: there is no rule '${ruleId}' (misspelled, or from a plugin that is not loaded). Fix or remove it.`;
  } else if (directive.kind === "comment") {
    message = `Unused suppression: no '${ruleId}' finding on line ${directive.line} to suppress. Remove '${ruleId}' from the comment.`;
  } else {
    message = `Unused suppression: no '${ruleId}' finding in or about this resource to suppress. Remove '${ruleId}' from its metadata.armlint.disable.`;
  }
  return directiveFinding(UNUSED_SUPPRESSION, "error", message, directive, span, source, { directive: directive.kind, rule: ruleId ?? "*" });
}
