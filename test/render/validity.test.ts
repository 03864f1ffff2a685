// The formats are accepted by their own tools: real Graphviz `dot`, mermaid's parser (pinned), and the JSON Schema (ajv).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { toDot } from "../../src/render/dot.js";
import { toJson } from "../../src/render/json.js";
import type { RenderGraph } from "../../src/render/model.js";
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, toMermaid } from "../../src/render/mermaid.js";
import { AVM_LARGE, FOUNDRY_41, HAS_CORPUS, HAS_DOT, ROOT, announceSkip, render, writeOutput } from "./helpers.js";
import { mermaidParse } from "./mermaid-parse.js";

/** The graphs every check runs on: the fixtures, and (when the corpus is there) a real Foundry template and a focused AVM one. */
function graphs(): { name: string; graph: RenderGraph }[] {
  const out = [
    { name: "foundry", graph: render("foundry.json").graph },
    { name: "foundry-focus", graph: render("foundry.json", { focus: "storage", depth: 1 }).graph },
    { name: "symbolic", graph: render("symbolic.json").graph },
  ];
  if (HAS_CORPUS) {
    out.push({ name: "foundry-41", graph: render(FOUNDRY_41).graph });
    out.push({ name: "avm-focus", graph: render(AVM_LARGE, { focus: "avmOpenAi", depth: 2 }).graph });
  }
  return out;
}

announceSkip(!HAS_CORPUS, "corpus templates (../shared/corpus) not found: checking the fixtures only.");

describe("Graphviz accepts the DOT output", { timeout: 300_000 }, () => {
  const skip = announceSkip(!HAS_DOT, "Graphviz 'dot' is not installed (apt-get install graphviz): the DOT check does not run.");
  let cases: { name: string; graph: RenderGraph }[] = [];
  beforeAll(() => {
    cases = graphs();
  });
  it.skipIf(skip)("dot -Tsvg renders every graph without a warning", () => {
    for (const { name, graph } of cases) {
      const run = spawnSync("dot", ["-Tsvg"], { input: toDot(graph), encoding: "utf8", timeout: 120_000 });
      expect(run.status, `${name}: ${run.stderr}`).toBe(0);
      expect(run.stderr, name).toBe("");
      expect(run.stdout).toContain("</svg>");
      // One Graphviz node per resource and module.
      expect((run.stdout.match(/class="node"/g) ?? []).length, name).toBe(graph.nodes.length);
      writeOutput(`${name}.svg`, run.stdout);
    }
  });
});

describe("Graphviz accepts any label text", { timeout: 300_000 }, () => {
  it.skipIf(!HAS_DOT)("quotes names, conditions and group labels", () => {
    const base = render("foundry.json").graph;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("", "\t", "\u0001", " \n ", "\\N", '"', "<B>")), fc.string({ unit: "grapheme", maxLength: 20 }), (label, group) => {
        const graph: RenderGraph = {
          ...base,
          file: label,
          nodes: base.nodes.map((n, i) => (i === 7 || i === 5 ? { ...n, label, name: label, type: label, condition: label } : n)),
          groups: base.groups.map((g) => ({ ...g, label: group })),
          edges: base.edges.map((e) => ({ ...e, text: label })),
        };
        const run = spawnSync("dot", ["-Tsvg"], { input: toDot(graph), encoding: "utf8" });
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe("mermaid's parser accepts the Mermaid output", { timeout: 300_000 }, () => {
  it("parses every graph", async () => {
    for (const { name, graph } of graphs()) {
      const { text, tooLarge } = toMermaid(graph);
      expect(tooLarge, name).toBeUndefined();
      await expect(mermaidParse(text), name).resolves.toBeUndefined();
    }
  });

  it("rejects what is not a flowchart (the check has teeth)", async () => {
    await expect(mermaidParse('flowchart BT\n  n0("a " b")\n')).rejects.toThrow();
  });

  it("parses any label text", async () => {
    const base = render("foundry.json").graph;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), async (label, group) => {
        const graph: RenderGraph = {
          ...base,
          nodes: base.nodes.map((n, i) => (i === 7 ? { ...n, label, type: label, condition: `[${label}]` } : n)),
          groups: base.groups.map((g) => ({ ...g, label: group })),
        };
        await mermaidParse(toMermaid(graph).text);
      }),
      { numRuns: 60 },
    );
  });

  it.skipIf(announceSkip(!HAS_CORPUS, "the 564-resource AVM template is not there: the Mermaid limit check does not run."))(
    "says when a whole large template is past Mermaid's limits",
    () => {
      const { text, tooLarge } = toMermaid(render(AVM_LARGE).graph);
      expect(text.length).toBeGreaterThan(MERMAID_MAX_TEXT);
      expect(tooLarge).toMatch(/characters \(Mermaid draws at most 50000 by default\)/);
    },
    300_000,
  );

  it("counts arrows as Mermaid does: 500 parse, 501 are past its limit", async () => {
    const base = render("foundry.json").graph;
    const nodes = Array.from({ length: 40 }, (_, i) => ({ ...base.nodes[0]!, id: `n${i}`, label: `r${i}`, findings: [], severity: null, group: null }));
    const edges = nodes.flatMap((a, i) => nodes.slice(0, i).map((b) => ({ ...base.edges[0]!, from: a.id, to: b.id, kind: "explicit" as const })));
    const at = (count: number): RenderGraph => ({ ...base, nodes, edges: edges.slice(0, count), groups: [], findings: [] });
    const ok = toMermaid(at(MERMAID_MAX_EDGES));
    expect(ok.tooLarge).toBeUndefined();
    await mermaidParse(ok.text);
    const over = toMermaid(at(MERMAID_MAX_EDGES + 1));
    expect(over.tooLarge).toBe("501 arrows (Mermaid draws at most 500 by default)");
    await expect(mermaidParse(over.text)).rejects.toThrow(/Edge limit exceeded/);
  });
});

describe("the JSON output follows schemas/graph.schema.json", { timeout: 300_000 }, () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "schemas/graph.schema.json"), "utf8")) as object;
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

  it("validates every graph", () => {
    for (const { name, graph } of graphs()) {
      const data: unknown = JSON.parse(toJson(graph));
      const ok = validate(data);
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("rejects a document that breaks it", () => {
    const graph = render("foundry.json").graph;
    const broken: unknown = JSON.parse(toJson({ ...graph, edges: [{ ...graph.edges[0]!, kind: "sideways" as "explicit" }] }));
    expect(validate(broken)).toBe(false);
  });
});
