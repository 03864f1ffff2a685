// `armlint graph` from the command line: formats, output files, --focus/--depth, and what it refuses (exit 2).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../cli/helpers.js";
import { tempDir } from "../integrations/helpers.js";
import { AVM_LARGE, FIXTURES, GOLDEN, HAS_CORPUS, announceSkip, runArmlint } from "./helpers.js";

const graph = (args: string[]) => runArmlint(["graph", ...args, "--no-config"]);

describe("armlint graph", { timeout: 300_000 }, () => {
  beforeAll(() => {
    ensureBuilt();
  }, 600_000);

  it("prints DOT by default (the golden file)", () => {
    const run = graph(["foundry.json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(GOLDEN, "foundry.dot"), "utf8"));
  });

  it("prints Mermaid and JSON as the golden files", () => {
    expect(graph(["foundry.json", "--format", "mermaid"]).stdout).toBe(readFileSync(join(GOLDEN, "foundry.mmd"), "utf8"));
    expect(graph(["foundry.json", "-f", "json"]).stdout).toBe(readFileSync(join(GOLDEN, "foundry.json"), "utf8"));
  });

  it("writes --output-file (folders created), HTML included", () => {
    const dir = tempDir("graph");
    const out = join(dir, "nested", "graph.html");
    const run = graph(["foundry.json", "--format", "html", "--output-file", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
  });

  it("--focus --depth shows a neighbourhood", () => {
    const run = graph(["foundry.json", "--focus", "storage", "--depth", "1", "--format", "json"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout) as { focus: unknown; nodes: { id: string }[] };
    expect(data.focus).toEqual({ node: "n9", depth: 1 });
    expect(data.nodes.map((n) => n.id)).toEqual(["n5", "n7", "n8", "n9"]);
  });

  it("refuses bad usage with a hint", () => {
    const bad = graph(["foundry.json", "--format", "png"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown graph format 'png'.\nUse one of: dot, mermaid, json, html.");
    expect(graph(["foundry.json", "--depth", "2"]).stderr).toContain("Option '--depth' needs '--focus RESOURCE'");
    expect(graph(["foundry.json", "--focus", "storage", "--depth", "two"]).code).toBe(2);
    expect(graph(["foundry.json", "symbolic.json"]).stderr).toContain("'armlint graph' draws one template file");
    expect(graph(["foundry.json", "--quiet"]).stderr).toContain("Option '--quiet' does not apply to 'armlint graph'.");
  });

  it("says which resources an ambiguous or unknown --focus could mean", () => {
    const ambiguous = runArmlint(["graph", "symbolic.json", "--focus", "[parameters('baseName')]", "--no-config"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      [
        "armlint: --focus '[parameters('baseName')]' is ambiguous: 2 resources match by name expression:",
        "  Microsoft.Storage/storageAccounts 'storage' (resources['storage'], symbolic.json:17:16)",
        "  Microsoft.Insights/components 'insights' (resources['insights'], symbolic.json:25:17)",
        "Name one by its JSON path (the part in parentheses before the file).",
        "",
      ].join("\n"),
    );
    const unknown = graph(["foundry.json", "--focus", "storag"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--focus 'storag' names no resource or module");
    expect(unknown.stderr).toContain("Did you mean:\n  Microsoft.Storage/storageAccounts '{parameters('storageName')}' (resources[1], foundry.json:28:5)\n");
    expect(unknown.stderr).toContain("(resources[5].properties.template.resources[2], foundry.json:111:13)");
  });

  it("exits 2 for a file that is missing or not a template", () => {
    const missing = graph(["nope.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("No files matching 'nope.json' were found.");
    const notTemplate = runArmlint(["graph", "package.json", "--no-config"], join(FIXTURES, "../.."));
    expect(notTemplate.code).toBe(2);
    expect(notTemplate.stderr).toMatch(/^armlint: Cannot draw package\.json: /);
    const parameters = runArmlint(["graph", "main.parameters.json", "--no-config"], join(FIXTURES, "../params/connection-name"));
    expect(parameters.code).toBe(2);
    expect(parameters.stderr).toBe("armlint: 'main.parameters.json' is a parameters file: name its template, 'main.json'.\n");
  });

  it("exits 2 when --output-file is a folder", () => {
    const dir = tempDir("graph");
    const run = graph(["foundry.json", "--output-file", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`armlint: Cannot write the graph to ${dir}: it is a folder.\n`);
  });

  it.skipIf(announceSkip(!HAS_CORPUS, "the AVM template is not there: the Mermaid limit message is not checked."))(
    "asks for --focus when Mermaid would refuse the diagram",
    () => {
      const run = runArmlint(["graph", AVM_LARGE, "--format", "mermaid", "--no-config"]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^armlint: The Mermaid diagram would have \d+ characters \(Mermaid draws at most 50000 by default\): Mermaid would refuse to draw it\.\nShow a part with '--focus RESOURCE --depth N'/);
    },
    300_000,
  );
});
