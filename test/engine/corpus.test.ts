// Whole-corpus engine pass: every template loads and builds a graph; Bicep-emitted dependsOn entries all resolve.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeFile } from "../../src/analyze.js";
import type { EdgeKind } from "../../src/graph/types.js";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const corpusRoot = path.resolve(projectRoot, "../shared/corpus");
const manifest = path.join(corpusRoot, "manifest.jsonl");
const available = existsSync(manifest);

/**
 * Bicep-emitted templates allowed to keep a dangling dependsOn entry, with the reason. Empty: every
 * miss found so far was an engine bug and is fixed.
 */
const DANGLING_EXCEPTIONS = new Map<string, string>();

interface Totals {
  templates: number;
  nodes: number;
  edges: Record<EdgeKind, number>;
  danglingByGenerator: Map<string, number>;
  budgetExhausted: number;
}

const suite = available ? describe : describe.skip;
if (!available) console.warn(`engine corpus tests skipped: no corpus manifest at ${manifest}`);

suite(`engine over the corpus (${corpusRoot})`, () => {
  it("loads every template, builds every graph, and resolves every dependsOn of Bicep-emitted templates", () => {
    const entries = readFileSync(manifest, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => (JSON.parse(l) as { path: string }).path);
    expect(entries.length).toBeGreaterThan(2000);

    const totals: Totals = {
      templates: 0,
      nodes: 0,
      edges: { explicit: 0, implicit: 0, contains: 0, inherits: 0 },
      danglingByGenerator: new Map(),
      budgetExhausted: 0,
    };
    const failures: string[] = [];
    const bicepDangling: string[] = [];
    const times: [number, string][] = [];

    for (const rel of entries) {
      const file = path.join(corpusRoot, rel);
      const started = performance.now();
      let analysis: ReturnType<typeof analyzeFile>;
      try {
        analysis = analyzeFile(file);
      } catch (e) {
        failures.push(`${rel}: threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        continue;
      }
      times.push([performance.now() - started, rel]);
      const errors = analysis.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) failures.push(`${rel}: ${errors.map((d) => d.message).join("; ")}`);
      const { model, graph, engine } = analysis;
      if (!analysis.isTemplate || !model || !graph || !engine) {
        failures.push(`${rel}: not analyzed as a template`);
        continue;
      }
      totals.templates++;
      totals.nodes += graph.resources.length;
      for (const n of graph.nodes) for (const e of n.out) totals.edges[e.kind]++;
      if (engine.budget.exhausted !== undefined) totals.budgetExhausted++;
      const generator = model.root.generator ?? "(none)";
      totals.danglingByGenerator.set(generator, (totals.danglingByGenerator.get(generator) ?? 0) + graph.dangling.length);
      if (generator.toLowerCase() === "bicep" && !DANGLING_EXCEPTIONS.has(rel)) {
        for (const d of graph.dangling) bicepDangling.push(`${rel}: ${d.from.displayId} dependsOn '${d.text}' (${d.reason})`);
      }
    }

    times.sort((a, b) => b[0] - a[0]);
    console.log(
      [
        `engine corpus: ${totals.templates} templates, ${totals.nodes} nodes`,
        `edges: ${Object.entries(totals.edges)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
        `dangling by generator: ${[...totals.danglingByGenerator].map(([g, n]) => `${g} ${n}`).join(", ")}`,
        `evaluation budget exhausted in ${totals.budgetExhausted} templates`,
        `slowest: ${times
          .slice(0, 5)
          .map(([ms, f]) => `${f} ${ms.toFixed(0)} ms`)
          .join("; ")}`,
      ].join("\n"),
    );

    expect(failures).toEqual([]);
    expect(totals.templates).toBe(entries.length);
    expect(bicepDangling).toEqual([]);
    expect(totals.edges.explicit).toBeGreaterThan(0);
    expect(totals.edges.contains).toBeGreaterThan(0);
  }, 120_000);
});
