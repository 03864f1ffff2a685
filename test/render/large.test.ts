// The 564-resource AVM pattern templates render in every format (no time asserted: the machine may be busy).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../cli/helpers.js";
import { tempDir } from "../integrations/helpers.js";
import { AVM_LARGE, HAS_CORPUS, HAS_DOT, announceSkip, runArmlint } from "./helpers.js";

const skip = announceSkip(!HAS_CORPUS, `the AVM template ${AVM_LARGE} is not there: the large-graph checks do not run.`);

describe.skipIf(skip)("a 564-resource template", () => {
  const dir = tempDir("large");
  beforeAll(() => {
    ensureBuilt();
  }, 600_000);

  it("renders as JSON with every resource and module", () => {
    const run = runArmlint(["graph", AVM_LARGE, "--format", "json", "--no-config"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout) as { nodes: unknown[]; stats: { resources: number; modules: number } };
    expect(data.nodes.length).toBe(564);
    expect(data.stats.resources + data.stats.modules).toBe(564);
  }, 600_000);

  it.skipIf(announceSkip(!HAS_DOT, "Graphviz 'dot' is not installed: the large DOT layout does not run."))(
    "renders as DOT that Graphviz lays out",
    () => {
      const out = join(dir, "large.dot");
      expect(runArmlint(["graph", AVM_LARGE, "-o", out, "--no-config"]).code).toBe(0);
      const svg = spawnSync("dot", ["-Tsvg", out], { encoding: "utf8", maxBuffer: 256 << 20, timeout: 600_000 });
      expect(svg.status, svg.stderr).toBe(0);
      expect((svg.stdout.match(/class="node"/g) ?? []).length).toBe(564);
    },
    600_000,
  );

  it("renders as one HTML page (Graphviz in WebAssembly)", () => {
    const out = join(dir, "large.html");
    const run = runArmlint(["graph", AVM_LARGE, "--format", "html", "-o", out, "--no-config"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect((html.match(/<g id="n\d+" class="node"/g) ?? []).length).toBe(564);
  }, 600_000);

  it("--focus shows a readable neighbourhood", () => {
    const run = runArmlint(["graph", AVM_LARGE, "--focus", "avmOpenAi", "--depth", "1", "--format", "mermaid", "--no-config"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('subgraph n');
    expect(run.stdout.length).toBeLessThan(50_000);
  }, 600_000);
});
