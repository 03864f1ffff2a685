// Core ARM rules over the shared real-world corpus: no crashes, no error-rule hits on Bicep output, findings snapshot.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isBicepGenerated } from "../../../rules/util.js";
import { analyzeFile } from "../../../src/analyze.js";
import type { Diagnostic } from "../../../src/diagnostics.js";
import { internalErrorResult, lintAnalysis, type LintResult } from "../../../src/runner/run.js";
import { CORE_RULE_IDS, coreConfig, projectRoot } from "../harness.js";

const corpusRoot = path.resolve(projectRoot, "../shared/corpus");
const manifest = path.join(corpusRoot, "manifest.jsonl");
const available = existsSync(manifest);

/** Rules that must not fire on templates Bicep emitted: Bicep would not have compiled them. */
const NOT_ON_BICEP_OUTPUT: readonly string[] = ["arm/invalid-expression", "arm/undefined-symbol", "arm/unknown-function", "arm/unknown-dependency", "arm/dependency-cycle"];

/** Hits of those rules on Bicep output that are right, with why (`file:line rule`). */
const EXPECTED_ON_BICEP_OUTPUT: ReadonlyMap<string, string> = new Map([
  [
    "bicep/src/Bicep.RegistryModuleTool.TestFixtures/Samples/Invalid/main.json:77 arm/undefined-symbol",
    "Bicep test fixture that is invalid on purpose: its main.json reads parameters('dnsPrefix'), which it does not declare",
  ],
  [
    "bicep/src/Bicep.RegistryModuleTool.TestFixtures/Samples/Invalid/main.json:89 arm/undefined-symbol",
    "same invalid-on-purpose fixture: parameters('linuxAdminUsername') is not declared",
  ],
]);

interface FileFindings {
  path: string;
  bicep: boolean;
  diagnostics: Diagnostic[];
}

function corpusFiles(): string[] {
  return readFileSync(manifest, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { path: string }).path);
}

function lintCorpusFile(relative: string): FileFindings {
  const file = path.join(corpusRoot, relative);
  let result: LintResult;
  let bicep = false;
  try {
    const analysis = analyzeFile(file);
    bicep = isBicepGenerated(analysis);
    result = lintAnalysis(analysis, coreConfig, { cwd: corpusRoot });
  } catch (error) {
    result = internalErrorResult(file, error, corpusRoot);
  }
  return { path: relative, bicep, diagnostics: result.diagnostics };
}

function where(d: Diagnostic): string {
  return `${path.relative(corpusRoot, d.file)}:${d.line}`;
}

(available ? describe : describe.skip)(available ? "core rules over the corpus" : `core rules over the corpus (skipped: no corpus manifest at ${manifest})`, () => {
  it("never crash, stay quiet on Bicep output, and match the findings snapshot", async () => {
    const started = Date.now();
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(2000);
    const results = files.map(lintCorpusFile);
    const seconds = (Date.now() - started) / 1000;

    const all = results.flatMap((r) => r.diagnostics.map((d) => ({ d, bicep: r.bicep })));
    const internal = all.filter(({ d }) => d.ruleId === "armlint/internal-error").map(({ d }) => `${where(d)} ${d.message}`);
    expect(internal).toEqual([]);

    const onBicep = all
      .filter(({ d, bicep }) => bicep && NOT_ON_BICEP_OUTPUT.includes(d.ruleId))
      .map(({ d }) => `${where(d)} ${d.ruleId}`)
      .filter((key) => !EXPECTED_ON_BICEP_OUTPUT.has(key));
    expect(onBicep).toEqual([]);
    // Every listed exception still happens (stale entries are removed, not kept).
    const seen = new Set(all.map(({ d }) => `${where(d)} ${d.ruleId}`));
    expect([...EXPECTED_ON_BICEP_OUTPUT.keys()].filter((key) => !seen.has(key))).toEqual([]);

    const counts = new Map<string, number>(CORE_RULE_IDS.map((id) => [id, 0]));
    for (const { d } of all) counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
    const lines = all
      .map(({ d }) => d)
      .sort((a, b) => compare(path.relative(corpusRoot, a.file), path.relative(corpusRoot, b.file)) || a.line - b.line || compare(a.ruleId, b.ruleId) || compare(a.message, b.message))
      .map((d) => `${where(d)} ${d.ruleId} ${d.message}`);
    const snapshot = [
      `# Core arm/* rules (arm/redundant-dependency on) over ${files.length} corpus templates; ${lines.length} findings.`,
      "# Review of the hits: test/rules/arm/CORPUS-REVIEW.md",
      "",
      "## Findings per rule",
      ...[...counts].sort(([a], [b]) => compare(a, b)).map(([id, n]) => `${id} ${n}`),
      "",
      "## Findings (file:line rule message)",
      ...lines,
      "",
    ].join("\n");
    await expect(snapshot).toMatchFileSnapshot("__snapshots__/corpus-arm.txt");
    console.log(`corpus: ${files.length} files linted with the core rules in ${seconds.toFixed(1)} s`);
  }, 180_000);
});

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
