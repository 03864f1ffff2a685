// Parsing `armlint graph` and `armlint explain` arguments (no build needed).
import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../src/cli/args.js";

describe("graph and explain arguments", () => {
  it("graph: one file, a format (dot by default), an output file, a focus and depth", () => {
    expect(parseArgs(["graph", "main.json"])).toEqual({
      command: "graph",
      options: { file: "main.json", format: "dot", outputFile: undefined, focus: undefined, depth: undefined, config: undefined, noConfig: false },
    });
    expect(parseArgs(["graph", "main.json", "-f", "html", "-o", "g.html", "--focus=kv", "--depth", "0", "--no-config"])).toEqual({
      command: "graph",
      options: { file: "main.json", format: "html", outputFile: "g.html", focus: "kv", depth: 0, config: undefined, noConfig: true },
    });
  });

  it("graph: refuses what does not fit", () => {
    const fails = (argv: string[]): string => {
      try {
        parseArgs(argv);
      } catch (error) {
        if (error instanceof UsageError) return `${error.message} | ${error.hint}`;
        throw error;
      }
      return "accepted";
    };
    expect(fails(["graph"])).toBe("'armlint graph' draws one template file (got none). | Example: armlint graph main.json --format html -o graph.html. To lint a folder named 'graph', run 'armlint ./graph'.");
    expect(fails(["graph", "a.json", "--format", "svg"])).toBe("Unknown graph format 'svg'. | Use one of: dot, mermaid, json, html.");
    expect(fails(["graph", "a.json", "--depth", "1"])).toMatch(/^Option '--depth' needs '--focus RESOURCE'/);
    expect(fails(["graph", "a.json", "--focus", "kv", "--depth", "-1"])).toMatch(/^Option '--depth' needs a whole number/);
    expect(fails(["graph", "a.json", "--max-warnings", "1"])).toBe("Option '--max-warnings' does not apply to 'armlint graph'. | Run 'armlint --help' for usage.");
    expect(fails(["explain", "a.json"])).toMatch(/^'armlint explain' needs a template file, a resource, and optionally a target resource\./);
    expect(fails(["explain", "a.json", "x", "y", "z"])).toMatch(/^'armlint explain' needs/);
    expect(fails(["explain", "a.json", "x", "--format", "json"])).toBe("Option '--format' does not apply to 'armlint explain'. | Run 'armlint --help' for usage.");
    expect(fails(["--focus", "x", "main.json"])).toBe("Option '--focus' applies to 'armlint graph' only. | Example: armlint graph main.json --focus storageConnection --depth 2");
  });

  it("explain: file, resource and an optional target", () => {
    expect(parseArgs(["explain", "main.json", "conn", "resources[2]"])).toEqual({
      command: "explain",
      options: { file: "main.json", resource: "conn", target: "resources[2]", config: undefined, noConfig: false },
    });
    expect(parseArgs(["explain", "main.json", "conn"])).toMatchObject({ command: "explain", options: { target: undefined } });
  });
});
