// Shared by the types/params tests: where the real type data is, lint helpers with chosen rules, type data and parameters.
import { existsSync } from "node:fs";
import path from "node:path";
import { builtinRules } from "../../rules/index.js";
import { analyzeFile, analyzeText, type AnalyzeOptions } from "../../src/analyze.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import { defaultConfig, type ResolvedConfig } from "../../src/runner/config.js";
import { lintAnalysis } from "../../src/runner/run.js";
import type { Rule } from "../../src/runner/types.js";
import { projectRoot } from "../rules/harness.js";

export { expectFindings, locate, projectRoot, readFixture, show, type ExpectedFinding } from "../rules/harness.js";

/** The real bicep-types-az files (test data; read in place, never copied into the repo). */
export const TYPE_DATA = path.resolve(projectRoot, "..", "shared", "reference", "bicep-types", "generated");
export const typeDataPresent = existsSync(path.join(TYPE_DATA, "keyvault"));
/** vitest skip message when the test type data is absent. */
export const NO_TYPE_DATA = "the test type data (../shared/reference/bicep-types/generated) is not in this checkout";

export const CORPUS = path.resolve(projectRoot, "..", "shared", "corpus");
export const corpusPresent = existsSync(path.join(CORPUS, "manifest.jsonl"));

export const TYPES_FIXTURES = path.join(projectRoot, "fixtures", "types");
export const PARAMS_FIXTURES = path.join(projectRoot, "fixtures", "params");

export const typesRules: readonly Rule[] = builtinRules.filter((r) => r.meta.id.startsWith("types/"));
export const paramsRules: readonly Rule[] = builtinRules.filter((r) => r.meta.id.startsWith("params/"));

/** Only the given rules, at their default severities. */
export function configOf(rules: readonly Rule[]): ResolvedConfig {
  return defaultConfig({ builtinRules: rules });
}

/** One rule, at its default severity. */
export function ruleConfig(id: string): ResolvedConfig {
  const rule = builtinRules.find((r) => r.meta.id === id);
  if (rule === undefined) throw new Error(`no rule ${id}`);
  return configOf([rule]);
}

/** Lints a file with `config` and analysis options (type data, parameters). */
export function lintWith(file: string, config: ResolvedConfig, options: AnalyzeOptions = {}): Diagnostic[] {
  return lintAnalysis(analyzeFile(file, options), config, { cwd: projectRoot }).diagnostics;
}

/** Lints template text as if it were `file`. */
export function lintTextWith(text: string, file: string, config: ResolvedConfig, options: AnalyzeOptions = {}): Diagnostic[] {
  return lintAnalysis(analyzeText(text, file, options), config, { cwd: projectRoot }).diagnostics;
}
