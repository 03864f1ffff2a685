import { it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyzeFile } from "../../src/analyze.js";
import { loadTypeSet } from "../../src/types/set.js";
import { typeFindings } from "../../rules/types/shared.js";

it("scratch", { timeout: 900_000 }, async () => {
  const types = await loadTypeSet(process.env.EMB ? {} : { directory: "/work/shared/reference/bicep-types/generated", cacheDir: false });
  const corpus = "/work/shared/corpus";
  const lines = readFileSync(path.join(corpus, "manifest.jsonl"), "utf8").trim().split("\n");
  const out: string[] = [];
  const t0 = Date.now();
  for (const line of lines) {
    const rec = JSON.parse(line) as { path: string };
    const file = path.join(corpus, rec.path);
    const text = readFileSync(file, "utf8");
    if (!/Microsoft\.(CognitiveServices|KeyVault|Authorization)\//i.test(text)) continue;
    const a = analyzeFile(file, { types });
    for (const f of typeFindings(a)) {
      const src = a.sources.get(f.file) ?? a.source;
      const pos = src ? src.positionAt(f.span.offset) : { line: 0, column: 0 };
      out.push(`${f.kind} ${rec.path}:${pos.line} ${f.severity ?? ""} ${f.message}`);
    }
  }
  console.log(out.join("\n"));
  console.log(out.length, "findings", Date.now() - t0, "ms");
});
