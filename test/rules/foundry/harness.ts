// Test harness for the foundry rules: lint fixtures and texts with only the foundry/* rules, through the real runner.
import { existsSync } from "node:fs";
import path from "node:path";
import { builtinRules } from "../../../rules/index.js";
import { analyzeFile, analyzeText } from "../../../src/analyze.js";
import type { Diagnostic } from "../../../src/diagnostics.js";
import { defaultConfig, type ResolvedConfig } from "../../../src/runner/config.js";
import { lintAnalysis } from "../../../src/runner/run.js";
import type { Rule } from "../../../src/runner/types.js";
import { applyEdits, projectRoot, ruleFixtures } from "../harness.js";

export { applyEdits, expectFindings, show, type ExpectedFinding } from "../harness.js";

/** Every foundry/* rule, from the built-in list (so registration is tested too). */
export const foundryRules: readonly Rule[] = builtinRules.filter((r) => r.meta.id.startsWith("foundry/"));

/** The foundry rules at their default severities. */
export const foundryConfig: ResolvedConfig = defaultConfig({ builtinRules: foundryRules });

/** Absolute path of `fixtures/rules/foundry/<rule>/<name>.json`. */
export function fixture(rule: string, name: string): string {
  return path.join(ruleFixtures, "foundry", rule, `${name}.json`);
}

/** The eight fixture names of a rule: bad/good × classic/v2 × flat/modules. */
export const SHAPES: readonly string[] = ["", "-v2", "-modules", "-v2-modules"];

/** Foundry findings of a template file. */
export function lintFoundryFile(file: string): Diagnostic[] {
  return lintAnalysis(analyzeFile(file), foundryConfig, { cwd: projectRoot }).diagnostics;
}

/** Foundry findings of a template text (as if it were `file`). */
export function lintFoundryText(text: string, file = path.join(projectRoot, "test-input.json")): Diagnostic[] {
  return lintAnalysis(analyzeText(text, file), foundryConfig, { cwd: projectRoot }).diagnostics;
}

/** Applies the text edit of every suggestion of `diagnostics` (they must not overlap). */
export function applySuggestions(text: string, diagnostics: readonly Diagnostic[]): string {
  const edits = diagnostics.flatMap((d) => (d.suggestions ?? []).flatMap((s) => s.fix?.edits ?? []));
  return applyEdits(text, edits);
}

/** The corpus of real templates, when this checkout has it. */
export const CORPUS = path.resolve(projectRoot, "..", "shared", "corpus");
export const corpusPresent = existsSync(CORPUS);
