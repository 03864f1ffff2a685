// SARIF formatter: one SARIF 2.1.0 run for GitHub code scanning (rules, results, fixes, suppressions, notifications).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { builtinRules } from "../../rules/index.js";
import { docsUrlFor, type Diagnostic, type Fix, type Severity, type Suppression } from "../diagnostics.js";
import { compareDiagnostics, INTERNAL_ERROR, PARSE_ERROR } from "../runner/run.js";
import type { ConfiguredSeverity } from "../runner/types.js";
import { folderUri, relativeUri, repositoryRoot, suppressedMessages } from "./support.js";
import type { FileReport, FormatContext } from "./types.js";
import { capitalize } from "../text/case.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const INFORMATION_URI = "https://github.com/armlint/armlint";
/** The `partialFingerprints` key of armlint's line-independent fingerprint. */
export const FINGERPRINT_KEY = "armlintFingerprint/v1";
const SRCROOT = "%SRCROOT%";

/** GitHub code scanning: results shown per run, and accepted per run (a larger run is rejected). */
export const GITHUB_SHOWN_RESULTS = 5_000;
export const GITHUB_ACCEPTED_RESULTS = 25_000;
/** Warn from this share of a limit on. */
const NEAR = 0.9;

type SarifLevel = "none" | "note" | "warning" | "error";

interface Message {
  text: string;
  markdown?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Region {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
}

interface SarifLocation {
  physicalLocation: { artifactLocation: ArtifactLocation; region?: Region };
}

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  helpUri?: string;
  defaultConfiguration: { enabled?: boolean; level: SarifLevel };
  properties?: { tags: string[] };
}

interface SarifFix {
  description: Message;
  artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region; insertedContent?: { text: string } }[] }[];
}

interface SarifSuppression {
  kind: "inSource" | "external";
  status: "accepted";
  justification?: string;
  location?: SarifLocation;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: Message;
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  fixes?: SarifFix[];
  suppressions?: SarifSuppression[];
}

interface Notification {
  level: SarifLevel;
  message: Message;
  locations: SarifLocation[];
  associatedRule: { id: string; index: number };
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: [
    {
      tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: RuleDescriptor[] } };
      invocations: [{ executionSuccessful: boolean; toolExecutionNotifications?: Notification[] }];
      originalUriBaseIds: Record<string, { uri: string }>;
      columnKind: "utf16CodeUnits";
      results: SarifResult[];
    },
  ];
}

export function formatSarif(reports: readonly FileReport[], context: FormatContext): string {
  const log = sarifLog(reports, context);
  warnNearLimits(log.runs[0].results.length, context.warn ?? ((message) => process.stderr.write(`${message}\n`)));
  return JSON.stringify(log, null, 2);
}

/** The SARIF log of the reports (one run); paths are relative to the git work tree around `context.cwd`. */
export function sarifLog(reports: readonly FileReport[], context: Pick<FormatContext, "cwd" | "rules">): SarifLog {
  const root = repositoryRoot(context.cwd ?? process.cwd());
  const rules = ruleTable(reports, context);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const indexOf = (id: string): number => ruleIndex.get(id) ?? 0;
  const results: SarifResult[] = [];
  const notifications: Notification[] = [];
  for (const report of reports) {
    const all = [...report.messages, ...suppressedMessages(report)].sort(compareDiagnostics);
    for (const diagnostic of all) {
      results.push(toResult(diagnostic, indexOf(diagnostic.ruleId), root));
      if (notAnalyzed(diagnostic)) notifications.push(toNotification(diagnostic, indexOf(diagnostic.ruleId), root));
    }
  }
  const { version } = packageInfo();
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "armlint", version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
        invocations: [
          { executionSuccessful: notifications.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(root) } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** A file armlint could not analyze: it is not valid JSON, or its analysis crashed. */
function notAnalyzed(diagnostic: Diagnostic): boolean {
  return (diagnostic.ruleId === PARSE_ERROR && diagnostic.severity === "error") || diagnostic.ruleId === INTERNAL_ERROR;
}

/** Warns when GitHub would not show (over 5,000) or would reject (over 25,000) some of the results. */
export function warnNearLimits(count: number, warn: (message: string) => void): void {
  const n = count.toLocaleString("en-US");
  if (count > GITHUB_ACCEPTED_RESULTS) {
    warn(`armlint: warning: the SARIF run has ${n} results; GitHub code scanning rejects a run with more than 25,000. Lint fewer files per run or turn rules off.`);
  } else if (count > GITHUB_ACCEPTED_RESULTS * NEAR) {
    warn(`armlint: warning: the SARIF run has ${n} results, near the 25,000 that GitHub code scanning accepts per run (it shows only 5,000).`);
  } else if (count > GITHUB_SHOWN_RESULTS) {
    warn(`armlint: warning: the SARIF run has ${n} results; GitHub code scanning shows only the top 5,000 of a run, by severity.`);
  } else if (count > GITHUB_SHOWN_RESULTS * NEAR) {
    warn(`armlint: warning: the SARIF run has ${n} results, near the 5,000 that GitHub code scanning shows per run.`);
  }
}

function level(severity: Severity | ConfiguredSeverity): SarifLevel {
  if (severity === "error" || severity === "warning") return severity;
  return severity === "info" ? "note" : "none";
}

function artifactLocation(file: string, root: string): ArtifactLocation {
  const uri = relativeUri(file, root);
  return uri === undefined ? { uri: pathToFileURL(file).href } : { uri, uriBaseId: SRCROOT };
}

function region(d: Pick<Diagnostic, "line" | "column" | "endLine" | "endColumn">): Region {
  const startLine = Math.max(1, d.line);
  const startColumn = Math.max(1, d.column);
  const endBefore = d.endLine < startLine || (d.endLine === startLine && d.endColumn < startColumn);
  return endBefore
    ? { startLine, startColumn, endLine: startLine, endColumn: startColumn }
    : { startLine, startColumn, endLine: d.endLine, endColumn: Math.max(1, d.endColumn) };
}

function location(file: string, where: Region | undefined, root: string): SarifLocation {
  return { physicalLocation: { artifactLocation: artifactLocation(file, root), ...(where === undefined ? {} : { region: where }) } };
}

function toResult(diagnostic: Diagnostic, ruleIndex: number, root: string): SarifResult {
  const result: SarifResult = {
    ruleId: diagnostic.ruleId,
    ruleIndex,
    level: level(diagnostic.severity),
    message: { text: diagnostic.message },
    locations: [location(diagnostic.file, region(diagnostic), root)],
  };
  if (diagnostic.fingerprint !== undefined) result.partialFingerprints = { [FINGERPRINT_KEY]: diagnostic.fingerprint };
  const fixes = new Map<string, SarifFix>();
  for (const fix of [diagnostic.fix, ...(diagnostic.suggestions ?? []).map((s) => s.fix)]) {
    if (fix === undefined || fix.edits.length === 0) continue;
    const sarifFix = toFix(fix, diagnostic.file, root);
    const key = JSON.stringify(sarifFix.artifactChanges);
    if (!fixes.has(key)) fixes.set(key, sarifFix); // the fix is often offered as a suggestion too (SARIF wants them unique)
  }
  if (fixes.size > 0) result.fixes = [...fixes.values()];
  if (diagnostic.suppressions !== undefined && diagnostic.suppressions.length > 0) {
    result.suppressions = diagnostic.suppressions.map((s) => toSuppression(s, root));
  }
  return result;
}

/** A fix as replacements by character offset into the file's decoded text (UTF-16 code units, no BOM). */
function toFix(fix: Fix, file: string, root: string): SarifFix {
  const replacements = [...fix.edits]
    .sort((a, b) => a.offset - b.offset)
    .map((edit) => ({
      deletedRegion: { charOffset: edit.offset, charLength: edit.length },
      ...(edit.text === "" ? {} : { insertedContent: { text: edit.text } }),
    }));
  return { description: { text: fix.description }, artifactChanges: [{ artifactLocation: artifactLocation(file, root), replacements }] };
}

function toSuppression(suppression: Suppression, root: string): SarifSuppression {
  const out: SarifSuppression = { kind: suppression.kind, status: "accepted" };
  if (suppression.justification !== undefined && suppression.justification !== "") out.justification = suppression.justification;
  const where = suppression.location;
  if (where !== undefined) {
    const span =
      where.line === undefined
        ? undefined
        : region({ line: where.line, column: where.column ?? 1, endLine: where.endLine ?? where.line, endColumn: where.endColumn ?? where.column ?? 1 });
    out.location = location(where.file, span, root);
  }
  return out;
}

function toNotification(diagnostic: Diagnostic, index: number, root: string): Notification {
  const what = diagnostic.ruleId === PARSE_ERROR ? "could not be read as JSON" : "could not be analyzed";
  const name = relativeUri(diagnostic.file, root) ?? diagnostic.file;
  return {
    level: "error",
    message: { text: `${decodeURIComponent(name)} ${what}: ${diagnostic.message}` },
    locations: [location(diagnostic.file, region(diagnostic), root)],
    associatedRule: { id: diagnostic.ruleId, index },
  };
}

interface RuleInfo {
  id: string;
  description: string;
  type: string | undefined;
  defaultSeverity: ConfiguredSeverity;
  docsUrl: string;
}

/**
 * Every rule in effect (the context's, else the built-ins), armlint's own diagnostics (`armlint/*`, from
 * their docs pages) and any other id a finding carries, sorted by id.
 */
function ruleTable(reports: readonly FileReport[], context: Pick<FormatContext, "rules">): RuleDescriptor[] {
  const byId = new Map<string, RuleInfo>();
  for (const meta of context.rules ?? builtinRules.map((rule) => rule.meta)) {
    byId.set(meta.id, { id: meta.id, description: meta.description, type: meta.type, defaultSeverity: meta.defaultSeverity, docsUrl: meta.docsUrl });
  }
  for (const info of armlintDiagnostics()) if (!byId.has(info.id)) byId.set(info.id, info);
  for (const report of reports) {
    for (const d of [...report.messages, ...suppressedMessages(report)]) {
      if (byId.has(d.ruleId)) continue;
      byId.set(d.ruleId, { id: d.ruleId, description: `Findings of ${d.ruleId}.`, type: undefined, defaultSeverity: d.severity, docsUrl: d.docsUrl ?? "" });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(describeRule);
}

function describeRule(rule: RuleInfo): RuleDescriptor {
  const page = rule.docsUrl !== "" && rule.docsUrl === docsUrlFor(rule.id) ? docsPage(rule.id) : undefined;
  const full = page === undefined ? rule.description : (firstParagraph(page) ?? rule.description);
  const seeAlso = rule.docsUrl === "" ? "" : `\n\nDocumentation: ${rule.docsUrl}`;
  const descriptor: RuleDescriptor = {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: full },
    help: page === undefined ? { text: `${rule.description}${seeAlso}` } : { text: page, markdown: page },
    defaultConfiguration: rule.defaultSeverity === "off" ? { enabled: false, level: "none" } : { level: level(rule.defaultSeverity) },
  };
  if (rule.docsUrl !== "") descriptor.helpUri = rule.docsUrl;
  if (rule.type !== undefined) descriptor.properties = { tags: [rule.type] };
  return descriptor;
}

/** `arm/missing-dependency` → `ArmMissingDependency`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map(capitalize)
    .join("");
}

/** armlint's own diagnostics (not rules): severity and what each says. */
const ARMLINT_DIAGNOSTICS: Readonly<Record<string, { severity: Severity; description: string }>> = {
  [PARSE_ERROR]: { severity: "error", description: "The file cannot be read as JSON (ARM's JSON, with comments and trailing commas), so it was not linted." },
  [INTERNAL_ERROR]: { severity: "error", description: "A rule, or armlint itself, failed on the file; the other rules still ran." },
  "armlint/not-a-template": { severity: "info", description: "The file is JSON but not an ARM deployment template, so it was not linted." },
  "armlint/evaluation-limit": { severity: "warning", description: "An expression exceeded an evaluation budget; findings that depend on its value may be missing." },
};

/** armlint's own diagnostic ids: the known ones, and any other docs page under `rules/armlint/`. */
function armlintDiagnostics(): RuleInfo[] {
  const ids = new Set(Object.keys(ARMLINT_DIAGNOSTICS));
  const { root } = packageInfo();
  try {
    if (root !== undefined) for (const name of readdirSync(join(root, "rules/armlint"))) if (name.endsWith(".md")) ids.add(`armlint/${name.slice(0, -3)}`);
  } catch {
    // no docs folder (a bundled copy): the known ids are enough
  }
  return [...ids].map((id) => {
    const known = ARMLINT_DIAGNOSTICS[id];
    const page = docsPage(id);
    const severity = known?.severity ?? (page === undefined ? undefined : pageSeverity(page)) ?? "warning";
    const paragraph = page === undefined ? undefined : firstParagraph(page);
    const description = known?.description ?? (paragraph === undefined ? `armlint's ${id.slice("armlint/".length)} diagnostic.` : firstSentence(paragraph));
    return { id, description, type: undefined, defaultSeverity: severity, docsUrl: docsUrlFor(id) };
  });
}

const pages = new Map<string, string | undefined>();

/** A built-in rule's docs page (Markdown, without its `# id` title), or undefined. */
function docsPage(id: string): string | undefined {
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) return undefined;
  if (!pages.has(id)) {
    const { root } = packageInfo();
    let text: string | undefined;
    try {
      text = root === undefined ? undefined : readFileSync(join(root, "rules", `${id}.md`), "utf8").replace(/\r\n/g, "\n").replace(/^# .*\n+/, "").trim();
    } catch {
      text = undefined;
    }
    pages.set(id, text === "" ? undefined : text);
  }
  return pages.get(id);
}

/** The first paragraph of prose of a docs page, on one line (headings and the severity line skipped). */
export function firstParagraph(page: string): string | undefined {
  for (const block of page.split(/\n\s*\n/)) {
    const text = block.trim();
    if (text === "" || text.startsWith("#") || text.startsWith("```") || text.startsWith("|") || isSeverityLine(text)) continue;
    return text.replace(/\s*\n\s*/g, " ");
  }
  return undefined;
}

function isSeverityLine(text: string): boolean {
  return /^(\*\*)?(Default severity|Severity):?/i.test(text);
}

function pageSeverity(page: string): Severity | undefined {
  const match = /^(?:\*\*)?(?:Default severity|Severity):?(?:\*\*)?:?\s*\**(error|warning|info)\b/im.exec(page);
  return match === null ? undefined : (match[1]!.toLowerCase() as Severity);
}

function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text);
  return match === null ? text : match[0];
}

let packageCache: { root: string | undefined; version: string } | undefined;

/** armlint's package folder (found upward from this module, in src/ or dist/) and version. */
function packageInfo(): { root: string | undefined; version: string } {
  if (packageCache !== undefined) return packageCache;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === "armlint") {
        return (packageCache = { root: dir, version: typeof manifest.version === "string" ? manifest.version : "0.0.0" });
      }
    } catch {
      // not here: keep going up
    }
    if (dirname(dir) === dir) return (packageCache = { root: undefined, version: "0.0.0" });
  }
}
