// Shared helpers for rule tests: lint fixtures with the real rules through the runner, and check the findings.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { analyzeFile, analyzeText } from "../../src/analyze.js";
import type { Diagnostic, TextEdit } from "../../src/diagnostics.js";
import { defaultConfig, type ResolvedConfig } from "../../src/runner/config.js";
import { lintAnalysis } from "../../src/runner/run.js";
import type { Rule } from "../../src/runner/types.js";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
export const ruleFixtures = path.join(projectRoot, "fixtures", "rules");
export const exampleFixtures = path.join(projectRoot, "fixtures", "examples");

/** The twelve core ARM rules this suite covers (by id, so rules added later do not change what it asserts). */
export const CORE_RULE_IDS: readonly string[] = [
  "arm/dependency-cycle",
  "arm/duplicate-key",
  "arm/duplicate-resource",
  "arm/invalid-expression",
  "arm/missing-dependency",
  "arm/redundant-dependency",
  "arm/template-limits",
  "arm/undefined-symbol",
  "arm/unknown-dependency",
  "arm/unknown-function",
  "arm/unused-parameter",
  "arm/unused-variable",
];

export const coreRules: readonly Rule[] = builtinRules.filter((r) => CORE_RULE_IDS.includes(r.meta.id));

/** `rules` at their default severities, with the off-by-default ones turned on as warnings. */
export function everyRuleOn(rules: readonly Rule[]): ResolvedConfig {
  const overrides = rules.filter((r) => r.meta.defaultSeverity === "off").map((r) => ({ id: r.meta.id, severity: "warning" as const }));
  return defaultConfig({ builtinRules: rules, overrides });
}

/** Core rules only, every one on: what the exact-findings assertions run. */
export const coreConfig: ResolvedConfig = everyRuleOn(coreRules);
/** Every built-in rule (plugins' namespaces included), every one on: what the clean fixtures must pass. */
export const allConfig: ResolvedConfig = everyRuleOn(builtinRules);

/** Absolute path of a file under `fixtures/rules/arm/`. */
export function armFixture(relative: string): string {
  return path.join(ruleFixtures, "arm", relative);
}

export function readFixture(file: string): string {
  return readFileSync(file, "utf8");
}

/** Lints a template file through the runner (real analysis, real rules). */
export function lintFile(file: string, config: ResolvedConfig = coreConfig): Diagnostic[] {
  return lintAnalysis(analyzeFile(file), config, { cwd: projectRoot }).diagnostics;
}

/** Lints template text as if it were `file`. */
export function lintText(text: string, file: string, config: ResolvedConfig = coreConfig): Diagnostic[] {
  return lintAnalysis(analyzeText(text, file), config, { cwd: projectRoot }).diagnostics;
}

/** One finding as a line of text, for failure output. */
export function show(d: Diagnostic): string {
  return `${d.line}:${d.column} ${d.ruleId} (${d.severity}): ${d.message}`;
}

export interface ExpectedFinding {
  rule: string;
  line: number;
  /** Checked when given (where the column is meaningful). */
  column?: number;
  severity?: Diagnostic["severity"];
  /** Parts the message must contain, verbatim. */
  includes?: readonly string[];
}

/** Asserts the exact list of findings (in the runner's order) and the key parts of each message. */
export function expectFindings(actual: readonly Diagnostic[], expected: readonly ExpectedFinding[]): void {
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`expected ${expected.length} findings, got ${actual.length}`);
  expected.forEach((e, i) => {
    const d = actual[i];
    if (d === undefined) return;
    const where = `#${i} (${d.line}:${d.column} ${d.ruleId})`;
    if (d.ruleId !== e.rule || d.line !== e.line) problems.push(`${where}: expected ${e.rule} on line ${e.line}`);
    if (e.column !== undefined && d.column !== e.column) problems.push(`${where}: expected column ${e.column}`);
    if (e.severity !== undefined && d.severity !== e.severity) problems.push(`${where}: expected severity ${e.severity}, got ${d.severity}`);
    for (const part of e.includes ?? []) {
      if (!d.message.includes(part)) problems.push(`${where}: message lacks ${JSON.stringify(part)}`);
    }
  });
  expect(problems, `actual findings:\n${actual.map(show).join("\n")}`).toEqual([]);
}

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`, when given). */
export function locate(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  if (from < 0) throw new Error(`anchor ${JSON.stringify(after)} not found`);
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Applies non-overlapping text edits (as in `Fix.edits`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/**
 * Structural differences from `before` to `after` (parsed JSON), one line each: `+ path = value` for
 * an added key or array item at the end, `- path` for a removed one, `~ path` for a changed value.
 */
export function jsonDiff(before: unknown, after: unknown, at = "$"): string[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) out.push(...jsonDiff(before[i], after[i], `${at}[${i}]`));
    for (let i = common; i < after.length; i++) out.push(`+ ${at}[${i}] = ${JSON.stringify(after[i])}`);
    for (let i = common; i < before.length; i++) out.push(`- ${at}[${i}]`);
    return out;
  }
  if (isRecord(before) && isRecord(after)) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(after)) {
      if (k in before) out.push(...jsonDiff(before[k], v, `${at}.${k}`));
      else out.push(`+ ${at}.${k} = ${JSON.stringify(v)}`);
    }
    for (const k of Object.keys(before)) if (!(k in after)) out.push(`- ${at}.${k}`);
    return out;
  }
  return Object.is(before, after) ? [] : [`~ ${at}`];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
