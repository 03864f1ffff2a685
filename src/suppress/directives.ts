// Inline suppression directives: `metadata.armlint` on resources and `armlint-disable-next-line` comments, read from an analysis.
import type { Analysis } from "../analyze.js";
import type { Span } from "../diagnostics.js";
import type { GraphNode } from "../graph/types.js";
import { fileComments, type Comment } from "../load/comments.js";
import type { JsonNode, JsonObject } from "../load/json.js";
import { getProperty } from "../load/loader.js";
import type { SourceFile } from "../load/source.js";
import type { ResourceDecl } from "../model/types.js";
import { resolvePath } from "../runner/paths.js";

export const SUPPRESSION_WITHOUT_REASON = "armlint/suppression-without-reason";
export const UNUSED_SUPPRESSION = "armlint/unused-suppression";
/** The comment directive: `// armlint-disable-next-line rule-a, rule-b -- reason`. */
export const DISABLE_NEXT_LINE = "armlint-disable-next-line";

/** One rule id named by a directive, with where it is written (for `armlint/unused-suppression`). */
export interface DirectiveRule {
  id: string;
  span: Span;
}

interface DirectiveBase {
  /** Absolute path of the file the directive is written in. */
  file: string;
  /** The comment, or the value of the resource's `metadata.armlint`. */
  span: Span;
  /** The rule ids it names, in order. */
  rules: DirectiveRule[];
  /** A comment naming no rule id suppresses every rule on its line (as ESLint's directives do). */
  allRules: boolean;
  /** Trimmed, whitespace collapsed; undefined when missing or empty. */
  reason: string | undefined;
}

/** `armlint-disable-next-line`: suppresses findings that start on `line` of `file`. */
export interface CommentDirective extends DirectiveBase {
  kind: "comment";
  /** 1-based line the directive applies to: the line after the comment ends. */
  line: number;
}

/** `metadata.armlint.disable`: suppresses findings inside the resource, or about it (same identity). */
export interface MetadataDirective extends DirectiveBase {
  kind: "metadata";
  /** The resource object. */
  resource: Span;
  /** The resource's canonical identity (what rules report as a finding's identity), when known. */
  identity: string | undefined;
}

export type Directive = CommentDirective | MetadataDirective;

/** Every directive of an analysis: metadata entries of all resources, and comments of every loaded file (`sources`: its loadedSources). */
export function collectDirectives(
  analysis: Analysis,
  cwd: string,
  sources: ReadonlyMap<string, SourceFile> = loadedSources(analysis, cwd),
): Directive[] {
  const directives: Directive[] = [];
  for (const [file, source] of sources) {
    for (const comment of fileComments(source)) {
      const directive = commentDirective(comment, file, source);
      if (directive !== undefined) directives.push(directive);
    }
  }
  const resources = analysis.model?.resources ?? [];
  // Indexed: this runs once per file, mostly unoptimized, where for...of allocates an iterator and its results.
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < resources.length; i++) {
    const directive = metadataDirective(resources[i]!, analysis, cwd);
    if (directive !== undefined) directives.push(directive);
  }
  return directives;
}

/** The analyzed file and every file the analysis loaded (linked templates, the parameters file), by absolute path. */
export function loadedSources(analysis: Analysis, cwd: string): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  for (const [file, source] of analysis.sources) sources.set(resolvePath(cwd, file), source);
  if (analysis.source !== undefined) sources.set(resolvePath(cwd, analysis.file), analysis.source);
  return sources;
}

const DIRECTIVE_START = new RegExp(`^\\s*${DISABLE_NEXT_LINE}(?=\\s|$)`, "u");
/** ` -- ` (two or more dashes between whitespace, or at the end) separates the reason, as in ESLint. */
const REASON_SEPARATOR = /\s-{2,}(?:\s|$)/u;
const RULE_ID = /[^\s,]+/gu;

/** Parses a comment as a directive; undefined when it is an ordinary comment. */
export function commentDirective(comment: Comment, file: string, source: SourceFile): CommentDirective | undefined {
  const start = DIRECTIVE_START.exec(comment.value);
  if (start === null) return undefined;
  const rest = comment.value.slice(start[0].length);
  const separator = REASON_SEPARATOR.exec(rest);
  const idsText = separator === null ? rest : rest.slice(0, separator.index);
  const reasonText = separator === null ? "" : rest.slice(separator.index + separator[0].length);
  // Offset of `rest` in the file: after the opening `//` or `/*` and the directive word.
  const restOffset = comment.offset + 2 + start[0].length;
  const rules: DirectiveRule[] = [];
  for (const match of idsText.matchAll(RULE_ID)) {
    rules.push({ id: match[0], span: { offset: restOffset + match.index, length: match[0].length } });
  }
  return {
    kind: "comment",
    file,
    span: { offset: comment.offset, length: comment.length },
    rules,
    allRules: rules.length === 0,
    reason: cleanReason(reasonText),
    line: source.positionAt(comment.offset + comment.length).line + 1,
  };
}

/** Reads `metadata.armlint` of a resource (keys case-insensitive, like ARM's); undefined when absent. */
export function metadataDirective(decl: ResourceDecl, analysis: Analysis, cwd: string): MetadataDirective | undefined {
  const metadata = getProperty(decl.json, "metadata")?.value;
  if (metadata?.type !== "object") return undefined;
  const armlint = getProperty(metadata, "armlint")?.value;
  if (armlint?.type !== "object") return undefined;
  const reason = getProperty(armlint, "reason")?.value;
  return {
    kind: "metadata",
    file: resolvePath(cwd, decl.scope.file),
    span: { offset: armlint.offset, length: armlint.length },
    rules: disabledRules(armlint),
    allRules: false,
    reason: reason?.type === "string" ? cleanReason(reason.value) : undefined,
    resource: { offset: decl.json.offset, length: decl.json.length },
    identity: identityOf(decl, analysis),
  };
}

/** `disable`: an array of rule ids (a single string is read as one id); other values name nothing. */
function disabledRules(armlint: JsonObject): DirectiveRule[] {
  const disable = getProperty(armlint, "disable")?.value;
  const items: JsonNode[] = disable === undefined ? [] : disable.type === "array" ? disable.items : [disable];
  const rules: DirectiveRule[] = [];
  for (const item of items) {
    if (item.type !== "string" || item.value.trim() === "") continue;
    rules.push({ id: item.value.trim(), span: { offset: item.offset, length: item.length } });
  }
  return rules;
}

function identityOf(decl: ResourceDecl, analysis: Analysis): string | undefined {
  // `nodeOf` finds every declaration the graph was built from; `?.` also covers a template without a graph.
  const node: GraphNode | undefined = analysis.graph?.nodeOf(decl);
  return node?.identity;
}

function cleanReason(text: string): string | undefined {
  const reason = text.replace(/\s+/gu, " ").trim();
  return reason === "" ? undefined : reason;
}
