// types/* rules over the real-template corpus with the test type data (--types): every hit snapshotted and reviewed by hand (see CORPUS-REVIEW.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeFile } from "../../src/analyze.js";
import { lintAnalysis } from "../../src/runner/run.js";
import { loadTypeSet, type TypeSet } from "../../src/types/set.js";
import { configOf, CORPUS, corpusPresent, NO_TYPE_DATA, projectRoot, TYPE_DATA, typeDataPresent, typesRules } from "./helpers.js";

const SKIP = !corpusPresent
  ? "the corpus (../shared/corpus with manifest.jsonl) is not in this checkout"
  : !typeDataPresent
    ? NO_TYPE_DATA
    : undefined;

interface ManifestRecord {
  path: string;
}

/** Corpus files that mention a provider namespace the type data covers (others cannot get a types/* hit). */
function candidates(namespaces: readonly string[]): string[] {
  const records = readFileSync(path.join(CORPUS, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ManifestRecord);
  const mention = new RegExp(namespaces.map((n) => n.replace(/\./g, "\\.")).join("|"), "i");
  return records.map((r) => r.path).filter((p) => mention.test(readFileSync(path.join(CORPUS, p), "utf8"))).sort();
}

/** Every types/* hit of the corpus with `types`, one line each: rule, file:line:column, severity, message. */
function hits(types: TypeSet, files: readonly string[]): string[] {
  const config = configOf(typesRules);
  const lines: string[] = [];
  for (const rel of files) {
    const analysis = analyzeFile(path.join(CORPUS, rel), { types });
    for (const d of lintAnalysis(analysis, config, { cwd: projectRoot }).diagnostics) {
      if (!d.ruleId.startsWith("types/")) continue;
      lines.push(`${d.ruleId} ${path.relative(CORPUS, d.file)}:${d.line}:${d.column} ${d.severity}: ${d.message}`);
    }
  }
  return lines;
}

describe.skipIf(SKIP !== undefined)(`types/* rules on the corpus${SKIP === undefined ? "" : ` (skipped: ${SKIP})`}`, () => {
  let data: TypeSet;
  let embedded: TypeSet;
  let files: string[];
  beforeAll(async () => {
    data = await loadTypeSet({ directory: TYPE_DATA, cacheDir: false });
    embedded = await loadTypeSet();
    files = candidates([...data.directory!.namespaces]);
  });

  it("with --types (the test type data): every hit, reviewed by hand — no false positive", { timeout: 600_000 }, async () => {
    expect(files.length).toBeGreaterThan(100);
    const lines = hits(data, files);
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("__snapshots__/corpus-types.txt");
  });

  it("with only the embedded facts (the default): no hit at all", { timeout: 600_000 }, () => {
    expect(hits(embedded, files)).toEqual([]);
  });
});
