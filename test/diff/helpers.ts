// Helpers for the change tests: compare fixture pairs under fixtures/diff/ with the built-in change rules.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeFile } from "../../src/analyze.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import { compareVersions, type ChangeResult } from "../../src/diff/compare.js";
import type { DeploymentMode, TemplateVersion } from "../../src/diff/types.js";
import { defaultConfig, type ResolvedConfig } from "../../src/runner/config.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIFF_FIXTURES = path.join(ROOT, "fixtures", "diff");

export function diffFixture(name: string, side: "before" | "after"): string {
  return path.join(DIFF_FIXTURES, name, `${side}.json`);
}

/** The two versions of a fixture pair, analyzed from disk; `after: "deleted"` stands for a removed file. */
export function versions(name: string, after: "file" | "deleted" = "file"): { before: TemplateVersion; after: TemplateVersion } {
  const b = diffFixture(name, "before");
  const a = diffFixture(name, "after");
  return {
    before: { side: "before", file: b, analysis: analyzeFile(b) },
    after: { side: "after", file: a, analysis: after === "file" ? analyzeFile(a) : undefined },
  };
}

/** Compares a fixture pair with the built-in rules (defaults) or the given config. */
export function compareFixture(name: string, mode: DeploymentMode = "complete", config: ResolvedConfig = defaultConfig(), after: "file" | "deleted" = "file"): ChangeResult {
  const v = versions(name, after);
  return compareVersions(v.before, v.after, config, { mode, cwd: ROOT });
}

/** `before 67:15 foundry/deletion-order` for each finding, before side first, in output order. */
export function findingLines(result: ChangeResult): string[] {
  return [...result.before.diagnostics, ...result.after.diagnostics].map(findingLine);
}

export function findingLine(d: Diagnostic): string {
  const side = d.file.endsWith("before.json") ? "before" : d.file.endsWith("after.json") ? "after" : d.file;
  return `${side} ${d.line}:${d.column} ${d.ruleId}`;
}

/** All messages of a result, before side first. */
export function messages(result: ChangeResult): string[] {
  return [...result.before.diagnostics, ...result.after.diagnostics].map((d) => d.message);
}
