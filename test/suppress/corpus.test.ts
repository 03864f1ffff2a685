// Corpus test: on every real-world template with comments, blanking what the comment collector finds leaves JSON that parses to the same value.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collectComments } from "../../src/load/comments.js";
import { loadFile, loadText, toPlainValue } from "../../src/load/loader.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const corpusDir = resolve(projectRoot, "../shared/corpus");
const manifestPath = resolve(corpusDir, "manifest.jsonl");

describe("comment collector on the corpus", () => {
  if (!existsSync(manifestPath)) {
    it.skip(`corpus not found at ${corpusDir} — skipping the comment collector corpus test`, () => undefined);
    return;
  }

  it("finds exactly the parser's comments: without them a file parses comment-free to the same value", () => {
    const paths = readFileSync(manifestPath, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => (JSON.parse(line) as { path: string }).path);
    const failures: string[] = [];
    let withComments = 0;
    for (const path of paths) {
      const loaded = loadFile(resolve(corpusDir, path));
      const source = loaded.source;
      if (source === undefined || loaded.root === undefined) continue;
      const comments = collectComments(source.text);
      if (source.hasComments !== comments.length > 0) {
        failures.push(`${path}: parser says hasComments=${source.hasComments}, collector found ${comments.length}`);
        continue;
      }
      if (!source.hasComments) continue;
      withComments++;
      let blanked = source.text;
      for (const c of comments) blanked = blanked.slice(0, c.offset) + source.text.slice(c.offset, c.offset + c.length).replace(/[^\r\n]/gu, " ") + blanked.slice(c.offset + c.length);
      const reparsed = loadText(blanked, path);
      if (reparsed.source?.hasComments !== false || reparsed.root === undefined) failures.push(`${path}: comments left after blanking`);
      else if (JSON.stringify(toPlainValue(reparsed.root)) !== JSON.stringify(toPlainValue(loaded.root))) failures.push(`${path}: value changed`);
    }
    expect(failures).toEqual([]);
    expect(withComments).toBeGreaterThan(0);
  });
});
