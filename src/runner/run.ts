// Rule runner: runs each enabled rule on one analysis and turns reports into full, fingerprinted diagnostics.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { Analysis } from "../analyze.js";
import { docsUrlFor, fileError, type Diagnostic, type Position, type Severity, type Span } from "../diagnostics.js";
import { decodeBytes } from "../load/decode.js";
import { getProperty } from "../load/loader.js";
import { SourceFile } from "../load/source.js";
import type { ResolvedConfig, RuleSetting } from "./config.js";
import { assignFingerprints, type FingerprintSource } from "./fingerprint.js";
import { resolvePath } from "./paths.js";
import { errorMessage } from "./plugins.js";
import { applyInlineSuppressions } from "../suppress/apply.js";
import { loadedSources } from "../suppress/directives.js";
import { compareStrings } from "./registry.js";
import type { ReportDescriptor, Rule, RuleContext } from "./types.js";
import { forgetFileMemos } from "./memo.js";

export const INTERNAL_ERROR = "armlint/internal-error";
export const NOT_A_TEMPLATE = "armlint/not-a-template";
export const PARSE_ERROR = "armlint/parse-error";

/** The findings for one analyzed file. */
export interface LintResult {
  /** Absolute path of the analyzed file. */
  file: string;
  /** Sorted by file, line, column, rule id. Findings in a linked template carry that template's `file`. */
  diagnostics: Diagnostic[];
  /** The decoded text of the file, when it could be read. */
  source: string | undefined;
  /**
   * Findings suppressed by inline directives or a baseline, each with `suppressions` saying how: they do not
   * count, but are kept for reports (SARIF suppressions, the summary's suppressed count). Sorted like `diagnostics`.
   */
  suppressed?: Diagnostic[];
}

export interface LintOptions {
  /** Base for relative paths and for the file part of fingerprints; defaults to `process.cwd()`. */
  cwd?: string;
  /** Apply inline suppressions (`metadata.armlint`, `armlint-disable-next-line` comments); default true (`--no-inline-config`: false). */
  inlineConfig?: boolean;
  /** Report suppressions that suppress nothing as `armlint/unused-suppression` (`--report-unused-disable-directives`). */
  reportUnusedSuppressions?: boolean;
}

/** Runs every enabled rule of `config` on `analysis` and collects its findings with the engine's. */
export function lintAnalysis(analysis: Analysis, config: ResolvedConfig, options: LintOptions = {}): LintResult {
  const cwd = options.cwd ?? process.cwd();
  const collector = new Collector(analysis, cwd);
  collectEngineDiagnostics(analysis, config, collector);
  if (analysis.isTemplate && analysis.root !== undefined) {
    const context = new RuleRun(analysis, collector);
    for (const rule of config.registry.rules()) {
      const setting = config.rules.get(rule.meta.id);
      if (setting !== undefined && setting.severity !== "off") runRule(rule, setting, context, collector);
    }
    // The built-in rules' memos would keep this file's analysis alive through the next file's.
    forgetFileMemos();
  }
  const items = collector.finish();
  const file = collector.file;
  if (options.inlineConfig === false) return { file, diagnostics: items.map((i) => i.diagnostic), source: analysis.source?.text, suppressed: [] };
  const outcome = applyInlineSuppressions(analysis, items, {
    cwd,
    sources: collector.loaded,
    reportUnused: options.reportUnusedSuppressions === true,
    isKnownRule: (id) => config.registry.get(id) !== undefined || id.startsWith("armlint/"),
  });
  // The active findings keep the collector's order: sorting is needed only to place findings about directives among them.
  const active = outcome.active.map((i) => i.diagnostic);
  const diagnostics = outcome.directiveFindings.length === 0 ? active : [...active, ...outcome.directiveFindings].sort(compareDiagnostics);
  return { file, diagnostics, source: analysis.source?.text, suppressed: outcome.suppressed };
}

/** A result for a file whose analysis itself crashed (the analyzer should never throw; this is the net). */
export function internalErrorResult(file: string, error: unknown, cwd: string = process.cwd()): LintResult {
  const absolute = resolve(cwd, file);
  const diagnostic = internalErrorDiagnostic(absolute, `armlint failed to analyze this file: ${errorMessage(error)}`, {});
  assignFingerprints([{ diagnostic, identity: undefined }], cwd);
  debugStack(error);
  return { file: absolute, diagnostics: [diagnostic], source: undefined };
}

function collectEngineDiagnostics(analysis: Analysis, config: ResolvedConfig, collector: Collector): void {
  // Indexed: for...of allocates an iterator even for no diagnostics (most files) until this is optimized.
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < analysis.diagnostics.length; i++) {
    const diagnostic = analysis.diagnostics[i]!;
    const setting = config.rules.get(diagnostic.ruleId);
    if (setting?.severity === "off") continue;
    const severity = setting === undefined ? diagnostic.severity : setting.severity;
    const docsUrl = diagnostic.docsUrl ?? docsUrlOf(diagnostic.ruleId, config);
    collector.add({ ...diagnostic, severity, message: oneLine(diagnostic.message), ...(docsUrl === undefined ? {} : { docsUrl }) }, undefined);
  }
  const notTemplate = analysis.root !== undefined && !analysis.isTemplate;
  if (notTemplate && !analysis.diagnostics.some((d) => d.ruleId === NOT_A_TEMPLATE)) {
    const message = isParametersFile(analysis)
      ? `A deployment parameters file, not a template: armlint checks it with its template. Lint the template with '--parameters ${basename(analysis.file)}', ` +
        "or keep it beside the template as '<template>.parameters.json' (used automatically)."
      : "Not an ARM deployment template (neither a deploymentTemplate $schema nor a template's shape); not linted.";
    const diagnostic = collector.diagnosticAt(analysis.file, { offset: 0, length: 0 }, NOT_A_TEMPLATE, "info", message);
    diagnostic.docsUrl = docsUrlFor(NOT_A_TEMPLATE);
    collector.add(diagnostic, undefined);
  }
}

/** A deployment parameters file: its `$schema` says so, or its name ends in `.parameters.json` and it has a `parameters` object. */
function isParametersFile(analysis: Analysis): boolean {
  const root = analysis.root;
  if (root?.type !== "object") return false;
  const schema = getProperty(root, "$schema")?.value;
  if (schema?.type === "string") return /deploymentparameters\.json/i.test(schema.value);
  return /\.parameters\.jsonc?$/i.test(analysis.file) && getProperty(root, "parameters")?.value.type === "object";
}

/** Docs of an engine diagnostic: its rule's page, or armlint's page for `armlint/*` ids. */
function docsUrlOf(ruleId: string, config: ResolvedConfig): string | undefined {
  const rule = config.registry.get(ruleId);
  if (rule !== undefined) return rule.meta.docsUrl === "" ? undefined : rule.meta.docsUrl;
  return ruleId.startsWith("armlint/") ? docsUrlFor(ruleId) : undefined;
}

/**
 * The context of the rule being run: one per file, switched to each rule in turn before its check (a check is
 * synchronous, so no two rules share it at once), instead of a context and a report closure per rule and file.
 */
class RuleRun implements RuleContext {
  id = "";
  options: Readonly<Record<string, unknown>> = {};
  severity: Severity = "error";
  readonly file: string;
  readonly report: (descriptor: ReportDescriptor) => void;
  /** The rule now running. */
  rule: Rule | undefined = undefined;

  constructor(
    readonly analysis: Analysis,
    collector: Collector,
  ) {
    this.file = analysis.file;
    // An own property (rules may call `report` detached from the context), reading the rule now running.
    this.report = reporter(this, collector);
  }

  /** Switches the context to `rule` with its setting. */
  start(rule: Rule, setting: RuleSetting): void {
    this.rule = rule;
    this.id = rule.meta.id;
    this.options = setting.options;
    this.severity = setting.severity as Severity;
  }
}

/**
 * A context's `report`. Made here, not as an arrow function in RuleRun's constructor: that one (capturing
 * `this`) made V8's young-generation collector promote each file's tree and model (measured: 80 MB promoted
 * over 1,500 runs of a 9 KB template, against 3 MB with this).
 */
function reporter(run: RuleRun, collector: Collector): (descriptor: ReportDescriptor) => void {
  return (descriptor) => {
    collector.add(buildDiagnostic(run.rule!, run.severity, descriptor, collector), descriptor.identity);
  };
}

function runRule(rule: Rule, setting: RuleSetting, context: RuleRun, collector: Collector): void {
  context.start(rule, setting);
  try {
    // Read as returning unknown: a plugin's check may return a Promise (called on the rule, no bound copy per rule and file).
    const returned = (rule as { check(context: RuleContext): unknown }).check(context);
    if (isThenable(returned)) {
      returned.then(undefined, () => undefined); // never an unhandled rejection
      throw new Error("check() returned a Promise; rules must be synchronous");
    }
  } catch (error) {
    collector.add(internalErrorDiagnostic(context.file, `Rule "${rule.meta.id}" crashed: ${errorMessage(error)}`, { rule: rule.meta.id }), undefined);
    debugStack(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function buildDiagnostic(rule: Rule, configured: Severity, descriptor: ReportDescriptor, collector: Collector): Diagnostic {
  const message: unknown = descriptor.message;
  if (typeof message !== "string" || message === "") {
    throw new TypeError(`report() needs a non-empty "message" string`);
  }
  const span: Span = descriptor.node !== undefined ? { offset: descriptor.node.offset, length: descriptor.node.length } : (descriptor.span ?? { offset: 0, length: 0 });
  const diagnostic = collector.diagnosticAt(descriptor.file ?? collector.analysis.file, span, rule.meta.id, lessSevere(configured, descriptor.severity), oneLine(message));
  if (rule.meta.docsUrl !== "") diagnostic.docsUrl = rule.meta.docsUrl;
  if (descriptor.data !== undefined) diagnostic.data = stringRecord(descriptor.data);
  if (descriptor.fix !== undefined) diagnostic.fix = descriptor.fix;
  if (descriptor.suggestions !== undefined) diagnostic.suggestions = descriptor.suggestions;
  return diagnostic;
}

function internalErrorDiagnostic(file: string, message: string, data: Record<string, string>): Diagnostic {
  return fileError(INTERNAL_ERROR, file, oneLine(message), data);
}

/**
 * Gathers one file's diagnostics, with positions from the right source file (the analyzed file, a linked
 * template the analysis loaded, or else read from disk), then sorts and fingerprints them.
 */
class Collector {
  /** The analyzed file, absolute. */
  readonly file: string;
  /** The analyzed file and the files the analysis loaded, by absolute path (`loadedSources`, made once per file). */
  readonly loaded: ReadonlyMap<string, SourceFile>;
  readonly #items: FingerprintSource[] = [];
  /** Files read from disk to locate a finding (neither analyzed nor loaded by the analysis), made on the first such finding. */
  #read: Map<string, SourceFile | undefined> | undefined;
  // The last path resolved and its result: findings name a handful of files (mostly the analyzed one), and
  // resolving the same path for each of them allocated more than the rest of the runner's per-file work.
  #lastPath: string | undefined;
  #lastResolved = "";

  constructor(
    readonly analysis: Analysis,
    readonly cwd: string,
  ) {
    this.loaded = loadedSources(analysis, cwd);
    this.file = this.#resolve(analysis.file);
  }

  /** Takes a diagnostic made for it (every caller passes a fresh object): its file is made absolute in place, not copied. */
  add(diagnostic: Diagnostic, identity: string | undefined): void {
    diagnostic.file = this.#resolve(diagnostic.file);
    this.#items.push({ diagnostic, identity });
  }

  /**
   * A diagnostic at a span of `file` (the analyzed file or a linked template), with its 1-based start and end,
   * made as one object: spreading a located copy into it made V8 build the object through its slow clone path
   * (measured: ~2 KB per finding).
   */
  diagnosticAt(file: string, span: Span, ruleId: string, severity: Severity, message: string): Diagnostic {
    const absolute = this.#resolve(file);
    const source = this.#source(absolute);
    const start = positionIn(source, span.offset);
    const end = positionIn(source, span.offset + span.length);
    return { file: absolute, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, span, ruleId, severity, message };
  }

  /** The findings sorted and fingerprinted, with the identity each was reported with. */
  finish(): FingerprintSource[] {
    if (this.#items.length > 1) this.#items.sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic));
    assignFingerprints(this.#items, this.cwd);
    return this.#items;
  }

  /** `resolve(cwd, file)`, remembering the last answer. */
  #resolve(file: string): string {
    if (file !== this.#lastPath) {
      this.#lastResolved = resolvePath(this.cwd, file);
      this.#lastPath = file;
    }
    return this.#lastResolved;
  }

  /** The source of an absolute path: the analyzed file's (undefined when it has none), a loaded file's, or read from disk. */
  #source(file: string): SourceFile | undefined {
    if (file === this.file) return this.analysis.source;
    const loaded = this.loaded.get(file);
    if (loaded !== undefined) return loaded;
    const read = (this.#read ??= new Map<string, SourceFile | undefined>());
    if (!read.has(file)) read.set(file, readSource(file));
    return read.get(file);
  }
}

function readSource(file: string): SourceFile | undefined {
  try {
    const decoded = decodeBytes(readFileSync(file));
    return decoded.ok ? new SourceFile(file, decoded.text, decoded.encoding) : undefined;
  } catch {
    return undefined;
  }
}

function positionIn(source: SourceFile | undefined, offset: number): Position {
  return source === undefined ? { line: 1, column: 1 } : source.positionAt(offset);
}

/** Output order: file, line, column, rule id, then message (total, so output is deterministic). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    a.span.offset - b.span.offset
  );
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A rule may lower its configured severity for one finding, never raise it. */
function lessSevere(configured: Severity, requested: Severity | undefined): Severity {
  if (requested === undefined) return configured;
  return SEVERITY_RANK[requested] < SEVERITY_RANK[configured] ? requested : configured;
}

/**
 * Every message is one line: line breaks (and the spaces around them) become one space. Linear in the
 * message (messages quote template text, so a pattern that backtracks over long runs of spaces would hang).
 */
export function oneLine(message: string): string {
  // Most messages have no line break: no split (and its array) for them.
  if (!hasLineBreak(message)) return message.trim();
  const lines = message.split(/(?:\r\n|\r|\n|\u2028|\u2029)\s*/);
  if (lines.length === 1) return message.trim();
  for (let i = 0; i < lines.length - 1; i++) lines[i] = trimSpacesAndTabsEnd(lines[i]!);
  return lines.join(" ").trim();
}

/** Whether the text has a character `oneLine` splits at (`\r`, `\n`, U+2028, U+2029). */
function hasLineBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

function trimSpacesAndTabsEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return text.slice(0, end);
}

function stringRecord(data: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  // Own enumerable string keys in Object.entries' order, without a [key, value] pair per entry.
  const keys = Object.keys(data);
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = String(data[keys[i]!]);
  return out;
}

function debugStack(error: unknown): void {
  if (process.env.ARMLINT_DEBUG === "1" && error instanceof Error && error.stack !== undefined) {
    process.stderr.write(`${error.stack}\n`);
  }
}
