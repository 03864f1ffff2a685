// Corpus test: every real-world template in ../shared/corpus loads without diagnostics and matches JSON.parse.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadFile, toPlainValue } from "../../src/load/loader.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const corpusDir = resolve(projectRoot, "../shared/corpus");
const manifestPath = resolve(corpusDir, "manifest.jsonl");

interface ManifestEntry {
  path: string;
  parse_mode: "strict" | "lenient";
  encoding: string;
}

describe("corpus", () => {
  if (!existsSync(manifestPath)) {
    it.skip(`corpus not found at ${corpusDir} — skipping the corpus test`, () => undefined);
    return;
  }

  it("loads every manifest file with zero diagnostics; strict files equal JSON.parse", () => {
    const entries = readFileSync(manifestPath, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as ManifestEntry);
    expect(entries.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let strictCompared = 0;
    let lenient = 0;
    for (const entry of entries) {
      const file = resolve(corpusDir, entry.path);
      const loaded = loadFile(file);
      if (loaded.diagnostics.length > 0 || loaded.root === undefined || loaded.source === undefined) {
        failures.push(`${entry.path}: ${loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join("; ")}`);
        continue;
      }
      if (loaded.source.encoding !== entry.encoding) failures.push(`${entry.path}: encoding ${loaded.source.encoding}, manifest says ${entry.encoding}`);
      if (entry.parse_mode !== "strict") {
        lenient++;
        continue;
      }
      // Deep equality via canonical serialization: same keys, same order, same values. Far faster than
      // a generic deep-equal on 76 MB of trees (JSON.parse and null-prototype objects order keys alike).
      const expected = JSON.stringify(JSON.parse(loaded.source.text));
      const actual = JSON.stringify(toPlainValue(loaded.root));
      if (actual !== expected) failures.push(`${entry.path}: toPlainValue differs from JSON.parse`);
      strictCompared++;
    }
    expect(failures).toEqual([]);
    expect(strictCompared + lenient).toBe(entries.length);
  });
});
